using System.Net.Sockets;
using Npgsql;

namespace PeerBot.Bot.Database;

/// <summary>
/// PostgreSQL away (restarting, failing over, refusing connections): a request that needed it is answered
/// <c>503 Service Unavailable</c> with <c>Retry-After</c> at once — not a 500, not a hang — with one log line.
/// Slack and Teams retry a 503; the background loops wait and go on by themselves.
/// </summary>
public static partial class DatabaseOutage
{
    /// <summary>What a caller is told to wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static WebApplication UseDatabaseOutage(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage).FullName!);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (IsOutage(e) && !context.Response.HasStarted)
            {
                LogUnavailable(log, context.Request.Method, context.Request.Path, Describe(e));
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        return app;
    }

    /// <summary>The database could not be reached or is not accepting work right now (as opposed to a bug in a query).</summary>
    public static bool IsOutage(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException p:
                    // 08: connection exceptions; 57P01–57P03: shut down / starting up; 53300: too many connections.
                    return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException n when n.IsTransient || n.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case NpgsqlException { Message: var m } when m.Contains("connection pool has been exhausted", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    private static string Describe(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is NpgsqlException)
            {
                return x.Message;
            }
        }

        return e.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Method} {Path} with 503: the database is unavailable ({Error})")]
    private static partial void LogUnavailable(ILogger log, string method, string path, string error);
}
