using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Observability;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, an operator's collector receives one trace per teacher's request: the
/// HTTP request, PeerBot's command span, and the SQL it ran, linked by one trace id.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task ASlashCommand_IsExportedOverOtlp_AsOneTrace_FromRequestThroughCommandToSql()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        });

        await app.SendCommandAsync("join role:peer subjects:math grades:6-8 tz:America/Chicago");

        var command = await collector.WaitForSpanAsync(s => s.Name == "peerbot.command join");
        var request = await collector.WaitForSpanAsync(s => s.TraceId == command.TraceId && s.Name.Contains("/slack/commands", StringComparison.Ordinal));
        Assert.Equal(request.SpanId, command.ParentSpanId);
        var sql = await collector.WaitForSpanAsync(s => s.TraceId == command.TraceId && s.ParentSpanId == command.SpanId && s.Attributes.Contains("postgresql", StringComparison.Ordinal));
        Assert.NotEqual(command.SpanId, sql.SpanId);
    }

    private sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, string Attributes);

    /// <summary>An OTLP/HTTP receiver on 127.0.0.1 that reads the spans out of the protobuf it is sent.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Span> _spans = new();
        private readonly SemaphoreSlim _received = new(0);

        private OtlpCollector(WebApplication app) => _app = app;

        public string Url => _app.Urls.First();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/traces", async (HttpContext c) =>
            {
                collector.ReadTraces(await BodyAsync(c));
                collector._received.Release();
                return Results.Ok();
            });
            app.MapPost("/v1/metrics", () => Results.Ok());
            app.MapPost("/v1/logs", () => Results.Ok());
            await app.StartAsync();
            return collector;
        }

        public async Task<Span> WaitForSpanAsync(Func<Span, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (_spans.FirstOrDefault(match) is { } span)
                {
                    return span;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _received.WaitAsync(left))
                {
                    throw new TimeoutException($"No such span among: {string.Join("; ", _spans.Select(s => s.Name))}");
                }
            }
        }

        private static async Task<byte[]> BodyAsync(HttpContext c)
        {
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer);
            return buffer.ToArray();
        }

        // ExportTraceServiceRequest { 1: ResourceSpans { 2: ScopeSpans { 2: Span { 1: trace_id, 2: span_id, 4: parent_span_id, 5: name, 9: attributes } } } }
        private void ReadTraces(byte[] body)
        {
            foreach (var resourceSpans in Fields(body, 1))
            {
                foreach (var scopeSpans in Fields(resourceSpans, 2))
                {
                    foreach (var span in Fields(scopeSpans, 2))
                    {
                        string Hex(int field) => Convert.ToHexString(Fields(span, field).FirstOrDefault() ?? []);
                        var name = Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? []);
                        var attributes = string.Join(" ", Fields(span, 9).Select(a => Encoding.UTF8.GetString(a)));
                        _spans.Enqueue(new Span(Hex(1), Hex(2), Hex(4), name, attributes));
                    }
                }
            }
        }

        /// <summary>The length-delimited values of one field number in a protobuf message (protobuf's wire format, read by hand).</summary>
        private static List<byte[]> Fields(byte[] message, int number)
        {
            var found = new List<byte[]>();
            var i = 0;
            while (i < message.Length)
            {
                var key = Varint(message, ref i);
                var wireType = (int)(key & 7);
                switch (wireType)
                {
                    case 0:
                        Varint(message, ref i);
                        break;
                    case 1:
                        i += 8;
                        break;
                    case 5:
                        i += 4;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref i);
                        if ((int)(key >> 3) == number)
                        {
                            found.Add(message[i..(i + length)]);
                        }

                        i += length;
                        break;
                    default:
                        throw new InvalidDataException($"Unexpected protobuf wire type {wireType}");
                }
            }

            return found;
        }

        private static ulong Varint(byte[] data, ref int i)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[i++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
