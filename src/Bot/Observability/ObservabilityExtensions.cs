using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PeerBot.Scheduler.Observability;

namespace PeerBot.Bot.Observability;

public static class ObservabilityExtensions
{
    private const string OtlpRetrySetting = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";

    /// <summary>
    /// PeerBot's meter (always: anything in-process may listen) and, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
    /// OpenTelemetry metrics and traces (ASP.NET Core, HttpClient, Npgsql, runtime, PeerBot) exported over OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddMetrics();
        s.AddSingleton<PeerBotMetrics>();
        s.AddSingleton<OutboxGauges>();
        s.AddHostedService(sp => sp.GetRequiredService<OutboxGauges>());
        s.AddSingleton<JobMetricsFilter>();
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        // A batch the collector fails to take (connection reset, 429/502/503/504) is sent again within the export timeout
        // instead of being dropped with every trace in it; an operator's own OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY wins.
        if (string.IsNullOrEmpty(builder.Configuration[OtlpRetrySetting]))
        {
            builder.Configuration.AddInMemoryCollection([new(OtlpRetrySetting, "in_memory")]);
        }

        s.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("peerbot", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m => m.AddMeter(PeerBotMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation())
            .WithTracing(t => t.AddSource(PeerBotTracing.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql().AddProcessor<BackgroundSqlFilter>())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Hooks the instruments that need the built host: outbox gauges on the meter, the job filter in Hangfire.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<PeerBotMetrics>();
        app.Services.GetRequiredService<OutboxGauges>().Register(metrics);
        // Acknowledgement latency: from the platform's request to PeerBot's answer (Slack allows 3 s, Teams wants 2 s).
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var platform = path.StartsWithSegments("/slack") && !path.StartsWithSegments("/slack/install") && !path.StartsWithSegments("/slack/oauth") ? "slack"
                : path.StartsWithSegments("/api/messages") ? "teams"
                : null;
            if (platform is null)
            {
                await next(context);
                return;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            metrics.Acknowledged(platform, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        });
        return app;
    }
}
