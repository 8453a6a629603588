package io.glimpse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP server written on a plain socket, for tests of an HTTP client: one request per connection, whose head goes
 * to a script that returns the exact bytes to answer (a dropped connection, a bad chunk, a redirect are all just
 * bytes). Every request head is kept, so a test can also prove that nothing reached it.
 */
public final class ScriptedHttpServer implements AutoCloseable {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final String address;

    /** Listens on {@code address} ({@code port} 0 for any free one) and answers every request by {@code script}. */
    public ScriptedHttpServer(String address, int port, Function<String, byte[]> script) throws IOException {
        this.address = address;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread.ofVirtual().name("scripted-http-" + address + ":" + port()).start(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    String head = readHead(connection.getInputStream());
                    requests.add(head);
                    OutputStream out = connection.getOutputStream();
                    out.write(script.apply(head));
                    out.flush();
                } catch (IOException | RuntimeException ignored) {
                    // closed, or a client that went away
                }
            }
        });
    }

    /** The heads of the requests received so far, in order. */
    public List<String> requests() {
        return requests;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url(String path) {
        return "http://" + address + ":" + port() + path;
    }

    /** {@code 200 OK} with a Content-Length. */
    public static byte[] ok(byte[] body) {
        return concat(head("200 OK", "Content-Length: " + body.length), body);
    }

    /** A redirect with {@code status} to {@code location}. */
    public static byte[] redirect(int status, String location) {
        return head(status + " Moved", "Location: " + location, "Content-Length: 0");
    }

    /** A status line and headers, then the empty line. */
    public static byte[] head(String status, String... headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** The value of header {@code name} in a request head, or null. */
    public static String header(String requestHead, String name) {
        for (String line : requestHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
