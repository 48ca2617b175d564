namespace PeerBot.MatchTool;

/// <summary>A line of an input file that cannot be used: its number, the field at fault (when one is), and how to fix it.</summary>
public sealed record RejectedLine(int Line, string? Field, string Reason)
{
    public override string ToString() => Field is null ? $"line {Line}: {Reason}" : $"line {Line}, {Field}: {Reason}";
}
