package io.lastmile.search;

import io.smallrye.mutiny.Uni;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

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

    private SearchRequests() {
    }
}
