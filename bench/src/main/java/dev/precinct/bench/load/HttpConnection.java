package dev.precinct.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.io.ByteArrayOutputStream;

/**
 * One kept-alive HTTP/1.1 connection on a plain blocking socket, for the load generators. It writes each request
 * in one system call from bytes prepared once, and reads the status line, the headers it needs and the body: no
 * selector thread, no futures, no header maps. {@code java.net.http.HttpClient} costs several times more CPU per
 * request, and on a machine whose cores the server shares that would count against Precinct. Not thread-safe:
 * one connection per client thread. A connection the server closed is opened again on the next request.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final String host;
    private final int port;
    private final byte[] headerPrefix;
    private Socket socket;
    private BufferedInputStream in;
    private OutputStream out;
    private final byte[] lineBuffer = new byte[8192];

    /** The answer: its status code and its body. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param bearerToken sent as {@code Authorization: Bearer …} on every request; null for none
     */
    public HttpConnection(String host, int port, String bearerToken) {
        this.host = host;
        this.port = port;
        var prefix = new StringBuilder("Host: ").append(host).append(':').append(port).append("\r\n");
        if (bearerToken != null) prefix.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
        this.headerPrefix = prefix.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** POSTs {@code json} to {@code path} and reads the whole answer. */
    public Response postJson(String path, byte[] json) throws IOException {
        var head = ("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
        var tail = ("Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var request = new byte[head.length + headerPrefix.length + tail.length + json.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(headerPrefix, 0, request, head.length, headerPrefix.length);
        System.arraycopy(tail, 0, request, head.length + headerPrefix.length, tail.length);
        System.arraycopy(json, 0, request, head.length + headerPrefix.length + tail.length, json.length);
        return exchange(request);
    }

    /** GETs {@code path} and reads the whole answer. */
    public Response get(String path) throws IOException {
        var head = ("GET " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
        var request = new byte[head.length + headerPrefix.length + 2];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(headerPrefix, 0, request, head.length, headerPrefix.length);
        request[request.length - 2] = '\r';
        request[request.length - 1] = '\n';
        return exchange(request);
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) connect();
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        var opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(READ_TIMEOUT_MS);
        opened.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = opened.getOutputStream();
    }

    private Response readResponse() throws IOException {
        var statusLine = readLine();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1."))
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean closing = false;
        for (var line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            var name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            var value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) body = readChunked();
        else if (contentLength >= 0) body = in.readNBytes(contentLength);
        else body = in.readAllBytes();
        if (closing || (!chunked && contentLength < 0)) close();
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            var sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers, unused
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("the server closed the connection");
            if (b == '\n') break;
            if (length < lineBuffer.length) lineBuffer[length++] = (byte) b;
        }
        if (length > 0 && lineBuffer[length - 1] == '\r') length--;
        return new String(lineBuffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a socket that failed to close
        } finally {
            socket = null;
        }
    }
}
