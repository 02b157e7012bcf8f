package io.lastmile.platform;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;

/**
 * The servers the service cannot start without, as one checklist that Quarkus validates before
 * anything connects. Each key points at the real setting; in the prod profile those are expressions
 * on their environment variables (application.properties, "Production"), so a missing variable stops
 * the start with every missing one named at once, instead of a client quietly trying localhost or a
 * datasource reported "not active". In dev mode and tests the local stack supplies them.
 */
@Unremovable
@ConfigMapping(prefix = "lastmile.production")
public interface ProductionSettings {

    /** PostgreSQL for the service ({@code QUARKUS_DATASOURCE_REACTIVE_URL}). */
    String databaseUrl();

    /** The same database for migrations ({@code QUARKUS_DATASOURCE_JDBC_URL}). */
    String databaseJdbcUrl();

    /** The database account ({@code QUARKUS_DATASOURCE_USERNAME}). */
    String databaseUsername();

    /** Its password ({@code QUARKUS_DATASOURCE_PASSWORD}). */
    String databasePassword();

    /** The Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS}). */
    String kafkaBootstrapServers();

    /** Elasticsearch or OpenSearch, {@code host:port[,host:port]} ({@code QUARKUS_ELASTICSEARCH_HOSTS}). */
    String searchHosts();
}
