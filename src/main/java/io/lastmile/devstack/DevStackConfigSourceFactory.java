package io.lastmile.devstack;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Starts the local stack when the service runs in dev mode or under test, and supplies its
 * addresses as configuration. In production (and with {@code lastmile.devstack.enabled=false})
 * it does nothing: the service then reads the servers from its environment.
 */
public class DevStackConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and -D (400). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        ConfigValue enabled = context.getValue("lastmile.devstack.enabled");
        if (!(dev || test) || (enabled != null && "false".equalsIgnoreCase(enabled.getValue()))) {
            return List.of();
        }
        DevStackSettings settings = DevStackSettings.from(context, test);
        Map<String, String> config = new java.util.HashMap<>(new DevStack(settings).ensureStarted());
        config.putAll(DevSigningKeys.config(settings.stackFolder()));
        return List.of(new PropertiesConfigSource(config, "lastmile-devstack", ORDINAL));
    }
}
