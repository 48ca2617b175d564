using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Slack;

/// <summary>Reads a Slack request's raw body and checks its signature before anything else looks at it.</summary>
public sealed partial class SlackRequest(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequest> log)
{
    /// <summary>Largest body PeerBot accepts from Slack; real ones are a few kilobytes (enforced first by Hosting/BodyLimits).</summary>
    public const int MaxBody = 1 << 20;

    /// <summary>The verified raw body, or null after answering 401/413 (and logging why).</summary>
    public async Task<byte[]?> ReadVerifiedAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request.BodyReader, context.RequestAborted);
        if (body is null)
        {
            // A backstop behind Hosting/BodyLimits, which logs the refusal (once).
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }

        var check = SlackSignature.Verify(
            options.Value.SigningSecret!,
            context.Request.Headers["X-Slack-Request-Timestamp"],
            context.Request.Headers["X-Slack-Signature"],
            body,
            clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            LogRejected(context.Request.Path, check, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return null;
        }

        return body;
    }

    public static Dictionary<string, string> ParseForm(byte[] body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            form[key] = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
        }

        return form;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    private static async Task<byte[]?> ReadBodyAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            if (result.Buffer.Length > MaxBody)
            {
                reader.AdvanceTo(result.Buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack request to {Path}: signature {Check} (from {RemoteAddress})")]
    private partial void LogRejected(string path, SignatureCheck check, string remoteAddress);
}
