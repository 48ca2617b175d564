namespace PeerBot.Matching.Scoring;

/// <summary>Numbers the distinct tokens of one profile field (subjects, grades, focus) so overlaps become bit operations.</summary>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _tokens = [];

    public int Count => _tokens.Count;

    /// <summary>64-bit words one person's token set takes.</summary>
    public int Words => Math.Max(1, (_tokens.Count + 63) / 64);

    public string this[int id] => _tokens[id];

    public int[] Intern(IReadOnlyList<string> tokens)
    {
        // Profiles hold a handful of tokens: collect them on the stack, and allocate only the answer.
        Span<int> ids = tokens.Count <= 32 ? stackalloc int[tokens.Count] : new int[tokens.Count];
        var count = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t].Trim();
            if (token.Length == 0)
            {
                continue;
            }

            if (!_ids.TryGetValue(token, out var id))
            {
                id = _tokens.Count;
                _ids.Add(token, id);
                _tokens.Add(token.ToLowerInvariant());
            }

            if (!ids[..count].Contains(id))
            {
                ids[count++] = id;
            }
        }

        ids = ids[..count];
        ids.Sort();
        return ids.ToArray();
    }

    public bool TryGet(string token, out int id) => _ids.TryGetValue(token, out id);
}
