namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// "This term" as a school reads it: from the day after the last school break that ended before today, and never
/// before the school year began (1 August). A workspace with no breaks configured counts from the start of the school year.
/// </summary>
public static class SchoolTerm
{
    public static DateOnly Start(DateOnly today, IReadOnlyList<SchoolBreak> breaks)
    {
        var year = new DateOnly(today.Month >= 8 ? today.Year : today.Year - 1, 8, 1);
        var afterBreak = breaks.Where(b => b.Ends < today).Select(b => b.Ends.AddDays(1)).DefaultIfEmpty(year).Max();
        return afterBreak > year ? afterBreak : year;
    }
}
