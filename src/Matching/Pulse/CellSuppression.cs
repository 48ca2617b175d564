namespace PeerBot.Matching.Pulse;

/// <summary>
/// Which cells of one row (a pulse, split by cohort) must be hidden. Primary: fewer respondents than the
/// threshold. Secondary: whenever the row total is shown, total − shown cells = the hidden cells together,
/// so more cells are hidden (smallest first) until the hidden ones together hold at least the threshold.
/// </summary>
public static class CellSuppression
{
    /// <param name="cells">Respondents per cohort key; the cells partition the row (they sum to its total).</param>
    public static IReadOnlySet<string> Hidden(IReadOnlyDictionary<string, int> cells, SuppressionThreshold threshold)
    {
        var total = cells.Values.Sum();
        var hidden = cells.Where(c => c.Value > 0 && !threshold.Allows(c.Value)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (!threshold.Allows(total))
        {
            // The total is hidden too, so nothing can be subtracted from it: every non-empty cell goes.
            hidden.UnionWith(cells.Where(c => c.Value > 0).Select(c => c.Key));
            return hidden;
        }

        while (hidden.Count > 0 && !threshold.Allows(hidden.Sum(h => cells[h])))
        {
            // The smallest shown cell costs coaches the least; the name breaks ties so every report decides alike.
            var next = cells.Where(c => c.Value > 0 && !hidden.Contains(c.Key))
                .OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key).FirstOrDefault();
            if (next is null)
            {
                break;
            }

            hidden.Add(next);
        }

        return hidden;
    }
}
