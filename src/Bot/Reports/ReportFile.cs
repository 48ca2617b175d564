namespace PeerBot.Bot.Reports;

/// <summary>A file that goes with a report (the chart, the CSV).</summary>
public sealed record ReportFile(string Name, string Title, byte[] Bytes);
