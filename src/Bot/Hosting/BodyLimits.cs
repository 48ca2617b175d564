using Microsoft.AspNetCore.Http.Features;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// A size limit on every request body, by endpoint, enforced before anything reads or parses it: a declared length
/// over the limit is answered 413 at once, and a body sent without one (chunked) is cut off by Kestrel at the limit
/// (also 413). One log line per refusal. <c>/api/messages</c> is left to its endpoint, which checks the Bot Framework
/// token first and then the size (an unauthenticated caller learns nothing, not even the limit).
/// </summary>
public static partial class BodyLimits
{
    /// <summary>Slack's own payloads are a few kilobytes; a modal submission with long answers stays well under this.</summary>
    public const long Slack = SlackRequest.MaxBody;

    /// <summary>The simulator page's JSON (a typed command, a click, a form).</summary>
    public const long Simulator = 256 * 1024;

    /// <summary>Files the bot uploads to the simulator's stand-in for Slack (report charts and CSVs).</summary>
    public const long SimulatorUpload = 10L << 20;

    /// <summary>Everything else takes no real body: pages, reports, health, install, the dashboard's small forms.</summary>
    public const long Default = 64 * 1024;

    public static long? For(PathString path) =>
        path.StartsWithSegments("/api/messages") ? null
        : path.StartsWithSegments("/slack/commands") || path.StartsWithSegments("/slack/interactivity") || path.StartsWithSegments("/slack/events") ? Slack
        : path.StartsWithSegments("/simulator/slack/upload") ? SimulatorUpload
        : path.StartsWithSegments("/simulator") ? Simulator
        : Default;

    public static WebApplication UseBodyLimits(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BodyLimits).FullName!);
        app.Use(async (context, next) =>
        {
            if (For(context.Request.Path) is not { } limit)
            {
                await next(context);
                return;
            }

            if (context.Request.ContentLength > limit)
            {
                LogRefused(log, context.Request.Method, context.Request.Path, context.Request.ContentLength.Value, limit);
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            try
            {
                if (limit == Default && context.Request.ContentLength is null
                    && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
                {
                    // A body sent without a length to an endpoint that may never read it: read (and keep) it here, so
                    // its size is known; Kestrel stops at the limit. These endpoints take at most a small form.
                    context.Request.EnableBuffering();
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                    context.Request.Body.Position = 0;
                }

                await next(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }

            // Kestrel cut a body sent without a length: the endpoint's reading failed (or its model binding answered 413).
            if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                LogRefused(log, context.Request.Method, context.Request.Path, limit + 1, limit);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: a body of {Bytes} bytes or more is over the {Limit}-byte limit (413)")]
    private static partial void LogRefused(ILogger log, string method, string path, long bytes, long limit);
}
