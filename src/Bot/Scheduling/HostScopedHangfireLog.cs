using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PeerBot.Bot.Scheduling;

/// <summary>
/// Hangfire's log provider is process-global, but a host's logger factory is not: when several hosts share
/// a process (tests, the workspace simulator) and one stops, Hangfire must not log through its disposed factory.
/// </summary>
public sealed class HostScopedHangfireLog(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new ScopedLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ScopedLog(null);
        }
    }

    private sealed class ScopedLog(ILogger? logger) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLogLevel.Trace => LogLevel.Trace,
                HangfireLogLevel.Debug => LogLevel.Debug,
                HangfireLogLevel.Info => LogLevel.Information,
                HangfireLogLevel.Warn => LogLevel.Warning,
                HangfireLogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (logger is null || !logger.IsEnabled(level))
                {
                    return false;
                }

                if (messageFunc is not null)
                {
#pragma warning disable CA2254 // Hangfire hands us finished text, not a template.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
