namespace PeerBot.Matching.Ask;

/// <summary>
/// A question as typed after <c>ask</c>: <c>named</c> first signs it, <c>#tags</c> anywhere steer who it goes to and are
/// taken out of the text the helpers read.
/// </summary>
public sealed record AskedQuestion(string Body, IReadOnlyList<string> Tags, bool Named)
{
    public const int MaxLength = 1500;

    public static AskedQuestion Parse(string arguments, bool named = false)
    {
        var text = arguments.Trim();
        if (text.StartsWith("named ", StringComparison.OrdinalIgnoreCase) || text.Equals("named", StringComparison.OrdinalIgnoreCase))
        {
            named = true;
            text = text[5..].Trim();
        }

        return new AskedQuestion("", [], named).WithText(text);
    }

    /// <summary>Takes the <c>#tags</c> out of <paramref name="text"/> (and <paramref name="extraTags"/>, typed in a form) into <see cref="Tags"/>.</summary>
    public AskedQuestion WithText(string text, string extraTags = "")
    {
        var tags = new List<string>();
        var words = new List<string>();
        foreach (var word in text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > 1 && word[0] == '#')
            {
                AddTag(tags, word);
            }
            else
            {
                words.Add(word);
            }
        }

        foreach (var tag in extraTags.Split([' ', ',', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            AddTag(tags, tag);
        }

        // Line breaks kept: only the tags are taken out of what the helpers read.
        var body = string.Join('\n', text.Split('\n').Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !(w.Length > 1 && w[0] == '#'))))).Trim();
        return this with { Body = words.Count == 0 ? "" : body, Tags = tags };
    }

    /// <summary>What routing searches for: the tags when there are some, else the question's own words.</summary>
    public string Topic => Tags.Count > 0 ? string.Join(' ', Tags) : Body;

    private static void AddTag(List<string> tags, string word)
    {
        var tag = word.TrimStart('#').TrimEnd('.', ',', ';', ':', '!', '?').ToLowerInvariant();
        if (tag.Length > 0 && !tags.Contains(tag, StringComparer.Ordinal))
        {
            tags.Add(tag);
        }
    }
}
