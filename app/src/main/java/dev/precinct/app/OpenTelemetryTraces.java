package dev.precinct.app;

import dev.precinct.core.port.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exports the spans of commands' work to an OpenTelemetry collector over OTLP/HTTP, in batches on a thread of the
 * SDK's own, each a child of the command's W3C {@code traceparent}. Built only when an endpoint is configured.
 */
final class OpenTelemetryTraces implements Traces, AutoCloseable {
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    /** @param endpoint the collector's OTLP/HTTP traces URL, e.g. {@code http://collector:4318/v1/traces} */
    OpenTelemetryTraces(String endpoint, String serviceName) {
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()).build())
                .build();
        tracer = provider.get("dev.precinct");
    }

    @Override
    public void span(String name, String traceparent, Instant start, Duration took, Map<String, String> attributes) {
        var parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
        var span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(start).startSpan();
        attributes.forEach(span::setAttribute);
        span.end(start.plus(took));
    }

    /** Exports what is left, for up to 5 s, then stops. */
    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
