package io.lastmile.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The {@code lastmile.dispatch.auto.*} settings: which tickets the service dispatches itself at receipt. */
@ConfigMapping(prefix = "lastmile.dispatch.auto")
public interface AutoDispatchConfig {

    /** Per channel code (12345, 12315, 12369, urban, kiosk, grid): dispatch at receipt when the routing is certain; absent: off. */
    Map<String, Boolean> channels();

    /** Whether 举报 (reports) are dispatched at receipt too: off, a dispatcher looks at who is reported first. */
    @WithDefault("false")
    boolean reports();
}
