package io.lastmile;

import io.lastmile.bench.SyntheticTickets;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The test run's own servers as tests reach them directly, beside the service: PostgreSQL over
 * JDBC (to compare with what the API answers) and the search node's REST address.
 */
@ApplicationScoped
public class TestStack {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.elasticsearch.hosts")
    String searchHost;

    /** A new JDBC connection to the test run's database; the caller closes it. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** The search node as {@code http://host:port}. */
    public String searchUri() {
        return "http://" + searchHost;
    }

    /** The search node as {@code host:port}, as the bulk loader takes it. */
    public String searchHost() {
        return searchHost;
    }

    public SyntheticTickets bulkLoader() {
        return new SyntheticTickets(jdbcUrl, user, password);
    }
}
