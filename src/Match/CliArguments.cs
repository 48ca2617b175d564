using System.Globalization;

namespace PeerBot.MatchTool;

/// <summary>
/// A verb's <c>--flag value</c> pairs, checked against the flags it knows. <c>--Section:Key=value</c> arguments are
/// host settings (e.g. <c>--ConnectionStrings:PeerBot=…</c>), kept apart for verbs that start a host.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _values;

    private CliArguments(Dictionary<string, string> values, IReadOnlyList<string> settings)
    {
        _values = values;
        Settings = settings;
    }

    /// <summary>The <c>--Section:Key=value</c> arguments, in order, for the verbs that open the database.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <exception cref="CliUsageException">An argument is not one of <paramref name="flags"/>, lacks its value, or repeats.</exception>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, bool allowSettings = false)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (allowSettings && IsSetting(arg))
            {
                settings.Add(arg);
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || !flags.Contains(arg[2..]))
            {
                throw new CliUsageException($"unknown argument \"{arg}\"");
            }

            var flag = arg[2..];
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"--{flag} needs a value");
            }

            if (!values.TryAdd(flag, args[++i]))
            {
                throw new CliUsageException($"--{flag} is given twice");
            }
        }

        return new CliArguments(values, settings);
    }

    public string? Optional(string flag) => _values.GetValueOrDefault(flag);

    public string Required(string flag) =>
        _values.TryGetValue(flag, out var value) && value.Length > 0 ? value : throw new CliUsageException($"--{flag} is required");

    public int? Integer(string flag, int min, int max)
    {
        if (Optional(flag) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new CliUsageException($"--{flag} must be a whole number from {min} to {max}, not \"{text}\"");
    }

    public DateOnly? Date(string flag)
    {
        if (Optional(flag) is not { } text)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"--{flag} must be a date written YYYY-MM-DD, not \"{text}\"");
    }

    /// <summary>The flag's value, which must be one of <paramref name="choices"/>; <paramref name="fallback"/> when absent.</summary>
    public string Choice(string flag, string fallback, params string[] choices)
    {
        var value = Optional(flag) ?? fallback;
        return choices.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new CliUsageException($"--{flag} must be {string.Join(" or ", choices)}, not \"{value}\"");
    }

    private static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq && arg.AsSpan(2, eq - 2).Contains(':');
}
