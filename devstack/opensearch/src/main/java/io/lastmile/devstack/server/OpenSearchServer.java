package io.lastmile.devstack.server;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A real single-node OpenSearch (it answers the Elasticsearch REST API the service uses), on the
 * given ports and loopback only. Compiled against the 2.x runner and run unchanged on 3.x.
 * Options: --watch-pid --port --transport-port --data --ready-file --cluster-name.
 */
public final class OpenSearchServer {

    public static void main(String[] args) {
        ServerProcess process = ServerProcess.start(args);
        try {
            int port = process.intOption("port");
            int transportPort = process.intOption("transport-port");
            OpenSearchRunner runner = new OpenSearchRunner();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    runner.close();
                } catch (Exception e) {
                    System.err.println("[devstack] OpenSearch did not close cleanly: " + e);
                }
            }, "opensearch-close"));
            // The runner otherwise probes for a free port itself and gives up above 9299.
            runner.setMaxHttpPort(-1);
            runner.onBuild((number, settings) -> {
                settings.put("http.port", String.valueOf(port));
                settings.put("transport.port", String.valueOf(transportPort));
                settings.put("network.host", "127.0.0.1");
                settings.put("discovery.type", "single-node");
                // A laptop's nearly full disk must not make every index read-only.
                settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            });
            runner.build("-basePath", process.pathOption("data").toString(), "-numOfNode", "1",
                    "-baseHttpPort", String.valueOf(port - 1), "-clusterName", process.option("cluster-name"));
            awaitHealthAndDefaults(port);
            process.reportReady(Map.of("port", String.valueOf(port)));
            process.awaitExit();
        } catch (Throwable e) {
            ServerProcess.fail("OpenSearch did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for cluster health and installs a template that gives every index zero replicas: on a
     * single node a replica can never be assigned and the indices would stay yellow.
     */
    private static void awaitHealthAndDefaults(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster health did not reach yellow within 3 minutes");
            }
            Thread.sleep(250);
        }
        HttpResponse<String> template = http.send(HttpRequest.newBuilder(URI.create(base + "/_index_template/devstack-single-node"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"index_patterns\":[\"*\"],\"priority\":0,"
                                + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (template.statusCode() / 100 != 2) {
            throw new IllegalStateException("could not install the single-node index template: " + template.body());
        }
    }

    private OpenSearchServer() {
    }
}
