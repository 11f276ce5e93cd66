package dev.llmops.api.http;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** LangChain4j {@link HttpClient} over OkHttp. Thread-safe. */
final class OkHttpLangChainClient implements HttpClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;

    OkHttpLangChainClient(OkHttpClient client) {
        this.client = client;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Call call = client.newCall(toOkHttp(request));
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            if (!response.isSuccessful()) {
                throw error(response, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(response.headers().toMultimap()).body(bytes).build();
        } catch (SocketTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedIOException e) {
            if (e.getMessage() != null && e.getMessage().contains("timeout")) {
                throw new TimeoutException(e);
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        client.newCall(toOkHttp(request)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                listener.onError(e instanceof SocketTimeoutException ? new TimeoutException(e) : e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    ResponseBody body = response.body();
                    if (!response.isSuccessful()) {
                        listener.onError(error(response, body == null ? "" : body.string()));
                        return;
                    }
                    listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.code())
                            .headers(response.headers().toMultimap()).build());
                    if (body != null) {
                        try (InputStream in = body.byteStream()) {
                            parser.parse(in, listener);
                        }
                    }
                    listener.onClose();
                } catch (IOException | RuntimeException e) {
                    listener.onError(e);
                }
            }
        });
    }

    private static HttpStatusException error(Response response, String body) {
        return new HttpStatusException(response.code(), body,
                HttpStatusException.parseRetryAfter(response.header("Retry-After"), Clock.systemUTC()));
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        Headers.Builder headers = new Headers.Builder();
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (h.getValue() != null) {
                for (String v : h.getValue()) {
                    headers.add(h.getKey(), v);
                }
            }
        }
        b.headers(headers.build());
        RequestBody body = null;
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            MultipartBody.Builder mb = new MultipartBody.Builder().setType(MultipartBody.FORM);
            request.formDataFields().forEach(mb::addFormDataPart);
            request.formDataFiles().forEach((name, file) -> mb.addFormDataPart(name, file.fileName(),
                    RequestBody.create(file.content(), MediaType.parse(file.contentType()))));
            body = mb.build();
        } else if (request.body() != null) {
            String contentType = request.headers().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Content-Type") && e.getValue() != null
                            && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            body = RequestBody.create(request.body(), contentType == null ? JSON : MediaType.parse(contentType));
        }
        String method = request.method().name();
        if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(method, body);
        return b.build();
    }
}
