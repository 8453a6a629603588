package io.glimpse.imports.client;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * web-download's HTTP/1.1 client, written on plain sockets so that it decides the address it connects to: each hop
 * (the URL, then every redirect) passes the URL filter again, its host is resolved once, every address it resolves
 * to must pass the {@link AddressPolicy}, and the socket connects to exactly that checked address, so DNS rebinding
 * between the check and the connect cannot change it. HTTPS still verifies the certificate against the host name.
 * A body whose connection drops is resumed with {@code Range} where the server allows it.
 */
public final class WebFetcher {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** How a host name becomes addresses; {@link InetAddress#getAllByName} unless a test supplies names. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * @param maxRedirects redirects followed at most, each re-validated
     * @param connectTimeout bound on establishing one connection
     * @param readTimeout bound on waiting for any byte of an answer
     * @param resumeAttempts how often a dropped body is resumed with {@code Range}
     * @param userAgent the {@code User-Agent} sent
     */
    public record Settings(
            int maxRedirects, Duration connectTimeout, Duration readTimeout, int resumeAttempts, String userAgent) {}

    private final AddressPolicy addresses;
    private final Predicate<String> urlFilter;
    private final Resolver resolver;
    private final Settings settings;

    public WebFetcher(AddressPolicy addresses, Predicate<String> urlFilter, Resolver resolver, Settings settings) {
        this.addresses = addresses;
        this.urlFilter = urlFilter;
        this.resolver = resolver;
        this.settings = settings;
    }

    /** Opens the body behind {@code url}, following redirects; the caller closes it. */
    public Body open(String url) throws IOException {
        return open(url, Map.of());
    }

    /**
     * The same, sending {@code headers} (credentials) to the origin of {@code url} only: a redirect to another
     * scheme, host or port never carries them.
     */
    public Body open(String url, Map<String, String> headers) throws IOException {
        Credentials credentials = new Credentials(checked(url), Map.copyOf(headers));
        Answer answer = request(url, 0, Optional.empty(), credentials);
        return new Body(answer, credentials);
    }

    /** GETs {@code url} whole into memory (a small JSON document), within {@code limit} bytes. */
    public byte[] fetchSmall(String url, Map<String, String> headers, int limit) throws IOException {
        try (Body body = open(url, headers)) {
            if (body.length().isPresent() && body.length().getAsLong() > limit) {
                throw new WebDownloadRefused("The answer of " + url + " is larger than " + limit + " bytes.");
            }
            byte[] data = body.readNBytes(limit + 1);
            if (data.length > limit) {
                throw new WebDownloadRefused("The answer of " + url + " is larger than " + limit + " bytes.");
            }
            return data;
        }
    }

    /** Headers for one origin. */
    private record Credentials(URI origin, Map<String, String> headers) {
        boolean appliesTo(URI uri) {
            return origin != null
                    && origin.getScheme().equalsIgnoreCase(uri.getScheme())
                    && origin.getHost().equalsIgnoreCase(uri.getHost())
                    && origin.getPort() == uri.getPort();
        }
    }

    /** One answered GET: where it was finally served from, its status, headers and body. */
    private record Answer(URI from, int status, Map<String, List<String>> headers, InputStream body, Socket socket) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
        }

        OptionalLong contentLength() throws WebDownloadRefused {
            Optional<String> value = header("content-length");
            if (value.isEmpty() || header("transfer-encoding").isPresent()) {
                return OptionalLong.empty();
            }
            try {
                long length = Long.parseLong(value.get().strip());
                if (length < 0) {
                    throw new NumberFormatException();
                }
                return OptionalLong.of(length);
            } catch (NumberFormatException e) {
                throw new WebDownloadRefused("The server at " + from.getHost() + " sent an invalid Content-Length.");
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private Answer request(String url, long from, Optional<String> ifRange, Credentials credentials)
            throws IOException {
        String current = url;
        for (int hop = 0; ; hop++) {
            URI uri = checked(current);
            Answer answer = exchange(uri, from, ifRange, credentials);
            if (!isRedirect(answer.status())) {
                return answer;
            }
            answer.close();
            String location = answer.header("location")
                    .orElseThrow(() -> new WebDownloadRefused(
                            "The server at " + uri.getHost() + " redirected without a Location."));
            if (hop >= settings.maxRedirects()) {
                throw new WebDownloadRefused("More than " + settings.maxRedirects() + " redirects from " + url + ".");
            }
            try {
                current = uri.resolve(new URI(location.strip())).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new WebDownloadRefused("The server at " + uri.getHost() + " redirected to an invalid URL.");
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The URL of one hop, if it passes the filter: scheme, host, port (Glance's rules), no numeric shorthand. */
    private URI checked(String url) throws WebDownloadRefused {
        if (!urlFilter.test(url)) {
            throw new WebDownloadRefused("The URL " + url + " does not pass filtering.");
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new WebDownloadRefused("The URL " + url + " is not valid.");
        }
    }

    private Answer exchange(URI uri, long from, Optional<String> ifRange, Credentials credentials) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : (https ? 443 : 80);
        Socket socket = connect(host, port);
        try {
            if (https) {
                socket = secure(socket, host, port);
            }
            socket.setSoTimeout((int) settings.readTimeout().toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(uri, host, port, https, from, ifRange, credentials)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            int status;
            Map<String, List<String>> headers;
            do {
                status = statusOf(readLine(in), host);
                headers = readHeaders(in, host);
            } while (status >= 100 && status < 200);
            Answer head = new Answer(uri, status, headers, in, socket);
            InputStream body = head.header("transfer-encoding")
                            .map(coding -> coding.toLowerCase(Locale.ROOT).contains("chunked"))
                            .orElse(false)
                    ? new ChunkedBody(in)
                    : head.contentLength().isPresent()
                            ? new SizedBody(in, head.contentLength().getAsLong())
                            : in;
            return new Answer(uri, status, headers, body, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A connection to an address of {@code host} that the policy allows; every resolved address must pass. */
    private Socket connect(String host, int port) throws IOException {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(bare.contains(":") ? bare : IDN.toASCII(bare));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IOException("The host " + host + " cannot be resolved.", e);
        }
        for (InetAddress address : resolved) {
            Optional<String> refusal = addresses.refusal(address);
            if (refusal.isPresent()) {
                throw new WebDownloadRefused("Refused to connect to " + host + ": it resolves to "
                        + address.getHostAddress() + ", " + refusal.get() + ".");
            }
        }
        IOException last = new IOException("The host " + host + " has no address.");
        for (InetAddress address : resolved) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int)
                        settings.connectTimeout().toMillis());
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = new IOException(
                        "Cannot connect to " + host + " (" + address.getHostAddress() + "): " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("TLS is not available", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private String requestHead(
            URI uri,
            String host,
            int port,
            boolean https,
            long from,
            Optional<String> ifRange,
            Credentials credentials) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        head.append("User-Agent: ").append(settings.userAgent()).append("\r\n");
        head.append("Accept: */*\r\n");
        head.append("Accept-Encoding: identity\r\n");
        head.append("Connection: close\r\n");
        if (credentials.appliesTo(uri)) {
            credentials.headers().forEach((name, value) -> {
                if (name.indexOf('\r') >= 0
                        || name.indexOf('\n') >= 0
                        || value.indexOf('\r') >= 0
                        || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("A header may not hold a line break.");
                }
                head.append(name).append(": ").append(value).append("\r\n");
            });
        }
        if (from > 0) {
            head.append("Range: bytes=").append(from).append("-\r\n");
            ifRange.ifPresent(tag -> head.append("If-Range: ").append(tag).append("\r\n"));
        }
        return head.append("\r\n").toString();
    }

    private static int statusOf(String line, String host) throws WebDownloadRefused {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new WebDownloadRefused("The server at " + host + " did not answer in HTTP/1.1.");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new WebDownloadRefused("The server at " + host + " sent an invalid status line.");
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in, String host) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            total += line.length();
            int colon = line.indexOf(':');
            if (colon <= 0 || total > MAX_HEAD_BYTES) {
                throw new WebDownloadRefused("The server at " + host + " sent a malformed or oversized header.");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed in the middle of an answer's head");
            }
            if (line.length() > 8192) {
                throw new IOException("an answer's header line is too long");
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    /**
     * The image's bytes: a 200 answer's body, resumed from where it broke off with {@code Range} (guarded by the
     * answer's ETag through {@code If-Range}) when the connection drops and the length is known.
     */
    public final class Body extends InputStream {
        private final String url;
        private final OptionalLong length;
        private final Optional<String> etag;
        private final Credentials credentials;
        private Answer answer;
        private long received;
        private int resumes;

        private Body(Answer first, Credentials credentials) throws IOException {
            if (first.status() != 200) {
                first.close();
                throw new WebDownloadRefused(
                        "The server at " + first.from().getHost() + " answered HTTP " + first.status() + ".");
            }
            this.url = first.from().toString();
            this.credentials = credentials;
            this.answer = first;
            this.length = first.contentLength();
            this.etag = first.header("etag").filter(tag -> !tag.startsWith("W/"));
        }

        /** The body's length, when the server declared it. */
        public OptionalLong length() {
            return length;
        }

        /** The URL the body was finally served from, after redirects. */
        public String finalUrl() {
            return url;
        }

        /** How often a dropped connection was resumed. */
        public int resumes() {
            return resumes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            while (true) {
                try {
                    int n = answer.body().read(buffer, offset, count);
                    if (n > 0) {
                        received += n;
                    }
                    return n;
                } catch (WebDownloadRefused refused) {
                    throw refused;
                } catch (IOException dropped) {
                    resume(dropped);
                }
            }
        }

        private void resume(IOException dropped) throws IOException {
            if (length.isEmpty() || resumes >= settings.resumeAttempts()) {
                throw dropped;
            }
            resumes++;
            answer.close();
            Answer next = request(url, received, etag, credentials);
            if (next.status() == 206 && startsAt(next, received)) {
                answer = next;
                return;
            }
            if (next.status() == 200 && etag.isPresent() && etag.equals(next.header("etag"))) {
                // No ranges here, but the same entity: skip what was already received.
                next.body().skipNBytes(received);
                answer = next;
                return;
            }
            next.close();
            throw new IOException(
                    "The connection to " + answer.from().getHost() + " dropped after " + received
                            + " bytes and the download cannot be resumed (HTTP " + next.status() + ")",
                    dropped);
        }

        private static boolean startsAt(Answer answer, long offset) {
            return answer.header("content-range")
                    .map(range -> range.toLowerCase(Locale.ROOT).startsWith("bytes " + offset + "-"))
                    .orElse(false);
        }

        @Override
        public void close() {
            answer.close();
        }
    }

    /** A body of a declared length: ending early is a dropped connection, not the end. */
    private static final class SizedBody extends InputStream {
        private final InputStream in;
        private long remaining;

        SizedBody(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(count, remaining));
            if (n < 0) {
                throw new EOFException("the connection closed " + remaining + " bytes before the declared end");
            }
            remaining -= n;
            return n;
        }
    }

    /** A chunked body (RFC 9112 §7.1), trailers read and dropped. */
    private static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String sizeLine = readLine(in);
                int extension = sizeLine.indexOf(';');
                String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).strip();
                try {
                    chunkLeft = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new WebDownloadRefused("The server sent a malformed chunk size.");
                }
                if (chunkLeft < 0) {
                    throw new WebDownloadRefused("The server sent a malformed chunk size.");
                }
                if (chunkLeft == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(count, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !readLine(in).isEmpty()) {
                throw new WebDownloadRefused("The server sent a chunk longer than announced.");
            }
            return n;
        }
    }
}
