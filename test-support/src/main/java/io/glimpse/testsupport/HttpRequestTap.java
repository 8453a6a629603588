package io.glimpse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a real HTTP endpoint (the S3 store, a service) that records the request line of every
 * request passing through, so that a test can prove what was, or was not, asked of that endpoint. The bytes go
 * through unchanged in both directions: signed requests stay valid, and the endpoint answers as it always does.
 */
public final class HttpRequestTap implements AutoCloseable {
    private static final Pattern REQUEST_LINE =
            Pattern.compile("(GET|HEAD|PUT|POST|DELETE|PATCH|OPTIONS) \\S+ HTTP/1\\.[01]");
    /** Longer lines are bodies, not request lines; they are not kept. */
    private static final int LONGEST_LINE = 8192;

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private HttpRequestTap(URI upstream) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("http-tap-accept").start(this::acceptLoop);
    }

    /** Starts relaying from a free port of the loopback address to {@code upstream} (e.g. http://127.0.0.1:9000). */
    public static HttpRequestTap inFrontOf(URI upstream) {
        try {
            return new HttpRequestTap(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a tap in front of " + upstream, e);
        }
    }

    /** Where clients should connect instead of the upstream endpoint. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Every request line seen so far, e.g. {@code HEAD /bucket/key HTTP/1.1}, in arrival order per connection. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** The request lines whose target contains {@code text} (an object key, an image id). */
    public List<String> requestsMentioning(String text) {
        return requestLines.stream().filter(line -> line.contains(text)).toList();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().name("http-tap-request").start(() -> pump(client, server, true));
                Thread.ofPlatform().daemon().name("http-tap-response").start(() -> pump(server, client, false));
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean requests) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (requests) {
                    scan(buffer, read, line);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void scan(byte[] buffer, int length, ByteArrayOutputStream line) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).strip();
                if (REQUEST_LINE.matcher(text).matches()) {
                    requestLines.add(text);
                }
                line.reset();
            } else if (line.size() < LONGEST_LINE) {
                line.write(b);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(HttpRequestTap::closeQuietly);
    }
}
