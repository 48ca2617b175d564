using System.Collections.Frozen;
using System.Text;

namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// The one place a state enum meets the text the database stores for it: the member's name in snake_case
/// (<c>PairingStatus.Proposed</c> ↔ <c>proposed</c>, <c>CheckInAnswer.NotYet</c> ↔ <c>not_yet</c>). SQL takes states as
/// parameters written through here, never as literals. (Dapper maps enums to their numbers and ignores type handlers for them.)
/// </summary>
public static class StateText
{
    public static string Of<T>(T state) where T : struct, Enum => Names<T>.ToText[state];

    public static string[] Of<T>(IEnumerable<T> states) where T : struct, Enum => [.. states.Select(Of)];

    public static T Parse<T>(string text) where T : struct, Enum =>
        Names<T>.FromText.TryGetValue(text, out var state) ? state : throw new InvalidDataException($"'{text}' is not a {typeof(T).Name} the database should hold");

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ToText = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));
        public static readonly FrozenDictionary<string, T> FromText = ToText.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
