package io.glimpse.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One persistent HTTP/1.1 connection written and read by hand, so that a test sees the framing exactly as the
 * gateway sends it: a response must have a status line, headers, and a body whose end its {@code Content-Length} or
 * chunked coding announces; after it the connection must be usable for the next request, unless the response said
 * {@code Connection: close} and the server then closed it. Anything else is a {@link FramingViolation}.
 */
final class RawHttpConnection implements AutoCloseable {
    /** How long one response may take; the suite answers in milliseconds. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private static final int MAX_HEAD = 64 * 1024;

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean closes() {
            String connection = header("connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /** The server broke HTTP/1.1 framing: no answer, a truncated one, or one that does not parse. */
    static final class FramingViolation extends Exception {
        FramingViolation(String message) {
            super(message);
        }

        FramingViolation(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpConnection(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /**
     * Writes {@code request} (head and body as the caller framed them) and reads one response. A response with
     * {@code Connection: close} must be followed by the server closing the connection, which is then reopened for
     * the next request. A request whose framing is ambiguous ({@code mustClose}) must get such a response, or the
     * HTTP layer's bare 400.
     */
    Response exchange(byte[] request, boolean headRequest, boolean mustClose) throws IOException, FramingViolation {
        if (socket == null) {
            open();
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException broken) {
            // The server may close an idle keep-alive connection between two requests: that is allowed once.
            reopen();
            out.write(request);
            out.flush();
        }
        Response response = read(headRequest);
        if (response.closes()) {
            expectClosed();
            reset();
        } else if (mustClose) {
            boolean bare400 = response.status() == 400 && response.body().length == 0;
            // The HTTP layer's own bare 400 for a request line it cannot decode: it read the request as framed by
            // its Content-Length and may keep the connection or drop it unannounced. Either way it is not reused.
            // Otherwise the server answered before it read the body (an unknown path, say) and must then close the
            // connection once it finds the body's framing broken: where the next request starts is unknown.
            if (!bare400 && !serverCloses()) {
                throw new FramingViolation("answered " + response.status() + " without closing the connection");
            }
            reset();
        }
        return response;
    }

    private Response read(boolean headRequest) throws IOException, FramingViolation {
        String statusLine;
        try {
            statusLine = line();
        } catch (EOFException e) {
            throw new FramingViolation("the connection closed before any response", e);
        } catch (SocketTimeoutException e) {
            throw new FramingViolation("no response within " + READ_TIMEOUT_MILLIS + " ms", e);
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new FramingViolation("not a status line: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new FramingViolation("not a status line: " + statusLine);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        int headBytes = statusLine.length();
        for (String header = line(); !header.isEmpty(); header = line()) {
            headBytes += header.length();
            int colon = header.indexOf(':');
            if (colon <= 0 || headBytes > MAX_HEAD) {
                throw new FramingViolation("malformed header: " + header);
            }
            headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        Response head = new Response(status, headers, new byte[0]);
        if (headRequest || status == 204 || status == 304 || status < 200) {
            if (status < 200 && status != 101) {
                return read(headRequest); // 100 Continue: the real answer follows
            }
            return head;
        }
        String encoding = head.header("transfer-encoding");
        String length = head.header("content-length");
        if (encoding != null && length != null) {
            throw new FramingViolation("both Transfer-Encoding and Content-Length in a response");
        }
        byte[] body;
        if (encoding != null) {
            if (!encoding.equalsIgnoreCase("chunked")) {
                throw new FramingViolation("unknown Transfer-Encoding: " + encoding);
            }
            body = chunked();
        } else if (length != null) {
            try {
                body = exactly(Long.parseLong(length));
            } catch (NumberFormatException e) {
                throw new FramingViolation("bad Content-Length: " + length);
            }
        } else if (head.closes()) {
            body = in.readAllBytes();
        } else {
            throw new FramingViolation("a " + status + " response with neither a length nor a close");
        }
        return new Response(status, headers, body);
    }

    private byte[] chunked() throws IOException, FramingViolation {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new FramingViolation("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(exactly(size));
            if (!line().isEmpty()) {
                throw new FramingViolation("chunk longer than its size");
            }
        }
    }

    private byte[] exactly(long length) throws IOException, FramingViolation {
        if (length > 256L * 1024 * 1024) {
            throw new FramingViolation("implausible body length " + length);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new FramingViolation("body truncated at " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("connection closed mid-line");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
            if (line.size() > MAX_HEAD) {
                throw new IOException("line too long");
            }
        }
    }

    /** After {@code Connection: close} the server must close: nothing more may arrive. */
    private void expectClosed() throws IOException, FramingViolation {
        socket.setSoTimeout(5_000);
        try {
            int extra = in.read();
            if (extra >= 0) {
                throw new FramingViolation("bytes after a response that announced Connection: close");
            }
        } catch (SocketTimeoutException e) {
            throw new FramingViolation("the connection stayed open after Connection: close", e);
        } catch (java.net.SocketException reset) {
            // closed hard: closed all the same
        }
    }

    /** Whether the server closes the connection within a few seconds, sending nothing more. */
    private boolean serverCloses() throws IOException {
        socket.setSoTimeout(5_000);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true; // closed hard: closed all the same
        }
    }

    /** Whether the next exchange goes over the same connection as the last one. */
    boolean isOpen() {
        return socket != null;
    }

    private void open() throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    private void reopen() throws IOException {
        reset();
        open();
    }

    private void reset() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the server closed already
            }
        }
        socket = null;
    }

    @Override
    public void close() {
        reset();
    }
}
