package io.glimpse.gateway.support;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand to the gateway, for what client libraries will not send as asked: a
 * missing Accept, extra Connection tokens, a chunked body on a GET, dot segments in the path.
 */
public final class RawHttp {

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, CRLF-separated, no final blank line) and {@code body}. */
    public static Response exchange(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1:" + RestAssured.port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response exchange(String head) {
        return exchange(head, new byte[0]);
    }

    /** A body in chunked framing. */
    public static byte[] chunked(String... chunks) {
        StringBuilder framed = new StringBuilder();
        for (String chunk : chunks) {
            framed.append(Integer.toHexString(chunk.getBytes(StandardCharsets.UTF_8).length))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        return framed.append("0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] bodyBytes = all.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        if (encoding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
            bodyBytes = dechunk(new java.io.ByteArrayInputStream(bodyBytes));
        }
        return new Response(status, headers, new String(bodyBytes, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
