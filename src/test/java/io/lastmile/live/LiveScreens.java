package io.lastmile.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A test's command-center screen: a WebSocket client that keeps every text message it receives,
 * and, when the server closes it, a last entry {@code closed:<code>}.
 */
public final class LiveScreens {

    public static final String CLOSED = "closed:";

    /** Connects with the token in the Authorization header, as a native client would. */
    public static WebSocket connect(URI uri, String bearerToken, List<String> into) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + bearerToken)
                .buildAsync(uri, collectInto(into)).get(10, TimeUnit.SECONDS);
    }

    /** Connects with whatever the address carries (a browser puts its token in {@code ?access_token=}). */
    public static WebSocket connect(URI uri, List<String> into) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, collectInto(into)).get(10, TimeUnit.SECONDS);
    }

    private static WebSocket.Listener collectInto(List<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                messages.add(CLOSED + statusCode);
                return null;
            }
        };
    }

    private LiveScreens() {
    }
}
