using System.Text;

namespace PeerBot.Matching.Profiles;

/// <summary>
/// Splits power-user input such as <c>role:mentee subjects:math,science school:"Lincoln MS"</c>
/// into raw <c>key → value</c> pairs. Chat clients turn straight quotes into curly ones, so both count.
/// </summary>
public static class InlineFields
{
    public static (IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FieldError> Errors) Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<FieldError>();
        foreach (var token in Tokenize(text))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add(new FieldError(token, $"\"{token}\" is not a field: write it as key:value, e.g. subjects:math,science"));
                continue;
            }

            var key = token[..colon].Trim().ToLowerInvariant();
            fields[key] = token[(colon + 1)..].Trim();
        }

        return (fields, errors);
    }

    private static IEnumerable<string> Tokenize(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c is '"' or '\u201C' or '\u201D')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
