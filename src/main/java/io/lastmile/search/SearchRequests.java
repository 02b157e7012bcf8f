package io.lastmile.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

import java.io.IOException;

/** The low-level search client's callbacks as a {@link Uni}, so that no event-loop thread ever blocks on it. */
final class SearchRequests {

    static Uni<Response> send(RestClient client, Request request) {
        return Uni.createFrom().emitter(emitter -> {
            Cancellable call = client.performRequestAsync(request, new ResponseListener() {
                @Override
                public void onSuccess(Response response) {
                    emitter.complete(response);
                }

                @Override
                public void onFailure(Exception exception) {
                    emitter.fail(exception);
                }
            });
            emitter.onTermination(call::cancel);
        });
    }

    /** The search node's JSON answer; one it cannot have sent (not JSON) is a bug to see. */
    static JsonNode json(ObjectMapper mapper, Response response) {
        try {
            return mapper.readTree(response.getEntity().getContent());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer of the search node", e);
        }
    }

    private SearchRequests() {
    }
}
