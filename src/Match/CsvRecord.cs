namespace PeerBot.MatchTool;

/// <summary>One CSV record: the line it starts on (a quoted cell may span lines), its cells, or why it cannot be read.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells, string? Error = null);
