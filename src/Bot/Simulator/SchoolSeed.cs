namespace PeerBot.Bot.Simulator;

/// <summary>"Seed a school": thirty sample teachers, each joining with the real inline <c>/peer join …</c>, signed like Slack.</summary>
public sealed class SchoolSeed(SimulatedWorkspace workspace, SimulatedSlackClient slack)
{
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        var school = SampleTeachers.School();
        foreach (var (teacher, fields) in school)
        {
            workspace.AddTeacher(teacher.Name, teacher.TimeZone, teacher.Id);
            await slack.CommandAsync(teacher.Id, SimulatedWorkspace.LoungeId, $"join {fields}", ct);
        }

        return school.Count;
    }
}
