using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Cli;

public sealed class ImportVerbTests : IDisposable
{
    private readonly TempFolder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Import_GoodRoster_CreatesEveryMemberInTheWorkspace()
    {
        var cs = await TestDatabase.CreateAsync();
        var roster = _files.WriteLines("people.jsonl", [
            People.Line("U1", "mentee", school: "Lincoln MS"), People.Line("U2", "mentor", years: 11, capacity: 2), People.Line("U3", "peer")]);

        var run = await VerbRun.ImportAsync("--workspace", "T123", "--file", roster, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal(0, run.Code);
        Assert.Contains("workspace slack T123", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 created, 0 updated, 0 rejected", run.Output, StringComparison.Ordinal);
        var members = await MembersAsync(cs, "T123");
        Assert.Equal(["U1", "U2", "U3"], members.Keys.Order());
        Assert.Equal(MentoringRole.Mentor, members["U2"].Role);
        Assert.Equal(2, members["U2"].Capacity);
        Assert.Equal("Lincoln MS", members["U1"].School);
        Assert.Equal("Teacher U1", members["U1"].Name);
        Assert.Equal(["tue 15:30-16:30"], members["U1"].Availability.Select(a => a.ToString()));
    }

    [Fact]
    public async Task Import_SameRosterAgain_UpdatesMembersInsteadOfDuplicatingThem_AndKeepsFieldsItLeavesOut()
    {
        var cs = await TestDatabase.CreateAsync();
        var first = _files.Write("first.csv", """
            id,name,role,subjects,grades,years,school,focus,timezone,availability,capacity
            U1,Ana Ruiz,mentee,math;science,6-8,2,"Lincoln, MS",classroom-management;ell,America/Chicago,tue 15:30-16:30;thu 07:00-07:45,0
            U2,"Cara ""CJ"" Li",mentor,math,6-8,12,Adams MS,classroom-management,America/Chicago,tue 15:00-17:00,2

            """);
        // The second roster has no timezone column: what teachers set stays; what it names is updated.
        var second = _files.Write("second.csv", """
            id,role,school,years
            U1,mentee,Lincoln MS,3
            U2,mentor,Adams MS,13
            """);

        var created = await VerbRun.ImportAsync("--workspace", "T77", "--file", first, $"--ConnectionStrings:PeerBot={cs}");
        var updated = await VerbRun.ImportAsync("--workspace", "T77", "--file", second, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal((0, 0), (created.Code, updated.Code));
        Assert.Contains("2 created, 0 updated", created.Output, StringComparison.Ordinal);
        Assert.Contains("0 created, 2 updated", updated.Output, StringComparison.Ordinal);
        var members = await MembersAsync(cs, "T77");
        Assert.Equal(2, members.Count);
        Assert.Equal(("Ana Ruiz", "Lincoln MS", 3, "America/Chicago"), (members["U1"].Name, members["U1"].School, members["U1"].Years, members["U1"].TimeZone));
        Assert.Equal(["math", "science"], members["U1"].Subjects);
        Assert.Equal(["tue 15:30-16:30", "thu 07:00-07:45"], members["U1"].Availability.Select(a => a.ToString()));
        Assert.Equal(("Cara \"CJ\" Li", 13, 2), (members["U2"].Name, members["U2"].Years, members["U2"].Capacity));
    }

    [Fact]
    public async Task Import_RosterWithABadLine_ImportsNothing_AndReportsEveryRejectedLine()
    {
        var cs = await TestDatabase.CreateAsync();
        var good = _files.WriteLines("good.jsonl", [People.Line("U1", "mentee", years: 2)]);
        Assert.Equal(0, (await VerbRun.ImportAsync("--workspace", "T5", "--file", good, $"--ConnectionStrings:PeerBot={cs}")).Code);
        var bad = _files.Write("bad.csv", """
            id,role,years,grades
            U1,mentee,5,6-8
            U2,mentor,10,9-12
            U3,mentee,ten,6-8
            U4,peer,1,sixth
            """);

        var run = await VerbRun.ImportAsync("--workspace", "T5", "--file", bad, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal(1, run.Code);
        Assert.Contains("line 4, years: \"ten\" is not a number of years", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 5, grades: \"sixth\" is not a grade band", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 line(s) rejected; nothing imported", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        var members = await MembersAsync(cs, "T5");
        Assert.Equal(["U1"], members.Keys);
        Assert.Equal(2, members["U1"].Years);
    }

    [Fact]
    public async Task Import_RosterWithDistrictGradeSpellings_StoresThemCanonically_AndSaysHowManyItNormalised()
    {
        var cs = await TestDatabase.CreateAsync();
        var roster = _files.Write("district.csv", """
            id,role,grades
            U1,mentee,PK-2
            U2,mentor,Pre-K;Kindergarten
            U3,peer,9–12
            """);

        var run = await VerbRun.ImportAsync("--workspace", "T88", "--file", roster, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal(0, run.Code);
        Assert.Contains("3 created, 0 updated, 0 rejected; normalised 3 grade bands (e.g. \"Pre-K\" → pk, \"Kindergarten\" → k, \"9–12\" → 9-12)", run.Output, StringComparison.Ordinal);
        var members = await MembersAsync(cs, "T88");
        Assert.Equal(["pk-2"], members["U1"].Grades);
        Assert.Equal(["pk", "k"], members["U2"].Grades);
        Assert.Equal(["9-12"], members["U3"].Grades);
    }

    [Fact]
    public async Task Import_RosterWithRespelledAndWrongGrades_RejectsTheWrongLineOnly_AndImportsNothing()
    {
        var cs = await TestDatabase.CreateAsync();
        var good = _files.WriteLines("good.jsonl", [People.Line("U0", "mentee")]);
        Assert.Equal(0, (await VerbRun.ImportAsync("--workspace", "T89", "--file", good, $"--ConnectionStrings:PeerBot={cs}")).Code);
        var roster = _files.Write("district.csv", """
            id,role,grades
            U1,mentee,Pre-K-2
            U2,mentee,13th
            U3,peer,12-9
            """);

        var run = await VerbRun.ImportAsync("--workspace", "T89", "--file", roster, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal(1, run.Code);
        Assert.Contains("line 3, grades: \"13th\" is not a grade band", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 4, grades: \"12-9\" is not a grade band", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", run.Error, StringComparison.Ordinal);
        Assert.Contains("normalised 1 grade band", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 line(s) rejected; nothing imported", run.Error, StringComparison.Ordinal);
        Assert.Equal(["U0"], (await MembersAsync(cs, "T89")).Keys);
    }

    [Fact]
    public async Task Import_ForATeamsTenant_FillsTheTenantsWorkspace_NotASlackTeamOfTheSameId()
    {
        var cs = await TestDatabase.CreateAsync();
        const string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var roster = _files.WriteLines("people.jsonl", [People.Line("29:ana", "mentee"), People.Line("29:ben", "mentor", years: 9, capacity: 1)]);

        var run = await VerbRun.ImportAsync("--workspace", tenant, "--platform", "teams", "--file", roster, $"--ConnectionStrings:PeerBot={cs}");

        Assert.Equal(0, run.Code);
        Assert.Contains($"workspace teams {tenant}", run.Output, StringComparison.Ordinal);
        Assert.Equal(["29:ana", "29:ben"], (await MembersAsync(cs, tenant, "teams")).Keys.Order());
        Assert.Empty(await MembersAsync(cs, tenant, "slack"));
    }

    [Theory]
    [InlineData("--workspace T1 --platform discord --file people.jsonl", "--platform must be slack or teams, not \"discord\"")]
    [InlineData("--file people.jsonl", "--workspace is required")]
    [InlineData("--workspace T1", "--file is required")]
    [InlineData("--workspace T1 --file people.jsonl --dry-run yes", "unknown argument \"--dry-run\"")]
    public async Task Import_UnknownOrMissingFlag_PrintsUsageNamingIt_AndExits2(string args, string expected)
    {
        var run = await VerbRun.ImportAsync(args.Split(' '));

        Assert.Equal(2, run.Code);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: import --workspace ID [--platform slack|teams] --file", run.Error, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, TeacherProfile>> MembersAsync(string cs, string team, string platform = "slack")
    {
        await using var db = NpgsqlDataSource.Create(cs);
        var workspace = await new WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal()).GetOrCreateAsync(platform, team, "", default);
        var members = await new MemberDirectory(db, TimeProvider.System).ListAsync(workspace.Id, default);
        return members.ToDictionary(m => m.ExternalUserId, m => m.Profile);
    }
}
