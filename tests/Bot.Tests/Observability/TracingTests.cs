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
        await using var app = await StartTracedAsync(collector);

        await app.SendCommandAsync("join role:peer subjects:math grades:6-8 tz:America/Chicago");

        await AssertOneTraceAsync(collector);
        // SQL run on no one's behalf (the start-up migrations, Hangfire's and the outbox's polling) ended before the
        // command's SQL, so it would have arrived by now: it is not exported as one-span traces crowding out the requests.
        Assert.DoesNotContain(collector.Spans, s => s.ParentSpanId.Length == 0 && s.Attributes.Contains("postgresql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATrace_TheCollectorRefusesOnce_IsSentAgain_AndArrivesWhole()
    {
        await using var collector = await OtlpCollector.StartAsync(refuseBatchWith: "peerbot.command join");
        await using var app = await StartTracedAsync(collector);

        await app.SendCommandAsync("join role:peer subjects:math grades:6-8 tz:America/Chicago");

        await AssertOneTraceAsync(collector);
        Assert.Equal(1, collector.Refused);
    }

    private static Task<PeerBotApp> StartTracedAsync(OtlpCollector collector) => PeerBotApp.StartAsync(new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    });

    /// <summary>The request, the command span under it, and the command's SQL under that, all in one trace.</summary>
    private static async Task AssertOneTraceAsync(OtlpCollector collector)
    {
        var command = await collector.WaitForSpanAsync(s => s.Name == "peerbot.command join");
        var request = await collector.WaitForSpanAsync(s => s.TraceId == command.TraceId && s.Name.Contains("/slack/commands", StringComparison.Ordinal));
        Assert.Equal(request.SpanId, command.ParentSpanId);
        var sql = await collector.WaitForSpanAsync(s => s.TraceId == command.TraceId && s.ParentSpanId == command.SpanId && s.Attributes.Contains("postgresql", StringComparison.Ordinal));
        Assert.NotEqual(command.SpanId, sql.SpanId);
    }

    private sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, string Attributes);

    /// <summary>
    /// An OTLP/HTTP receiver on 127.0.0.1 that reads the spans out of the protobuf it is sent; optionally it answers
    /// 503 (as a collector restarting or shedding load does) to the first batch holding a span of a given name, and drops it.
    /// </summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Span> _spans = new();
        private readonly SemaphoreSlim _received = new(0);
        private int _refused;

        private OtlpCollector(WebApplication app) => _app = app;

        public string Url => _app.Urls.First();

        public IEnumerable<Span> Spans => _spans;

        public int Refused => Volatile.Read(ref _refused);

        public static async Task<OtlpCollector> StartAsync(string? refuseBatchWith = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/traces", async (HttpContext c) =>
            {
                var spans = ReadTraces(await BodyAsync(c));
                if (refuseBatchWith is not null && spans.Any(s => s.Name == refuseBatchWith) && Interlocked.CompareExchange(ref collector._refused, 1, 0) == 0)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                foreach (var span in spans)
                {
                    collector._spans.Enqueue(span);
                }

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
                    var received = _spans.GroupBy(s => s.Name).Select(g => $"{g.Count()} × {g.Key}");
                    throw new TimeoutException($"No such span among the {_spans.Count} received: {string.Join("; ", received)}");
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
        private static List<Span> ReadTraces(byte[] body)
        {
            var spans = new List<Span>();
            foreach (var resourceSpans in Fields(body, 1))
            {
                foreach (var scopeSpans in Fields(resourceSpans, 2))
                {
                    foreach (var span in Fields(scopeSpans, 2))
                    {
                        string Hex(int field) => Convert.ToHexString(Fields(span, field).FirstOrDefault() ?? []);
                        var name = Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? []);
                        var attributes = string.Join(" ", Fields(span, 9).Select(a => Encoding.UTF8.GetString(a)));
                        spans.Add(new Span(Hex(1), Hex(2), Hex(4), name, attributes));
                    }
                }
            }

            return spans;
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
