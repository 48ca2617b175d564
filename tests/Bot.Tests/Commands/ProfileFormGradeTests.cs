using PeerBot.Bot.Commands.Profiles;
using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Tests.Commands;

public sealed class ProfileFormGradeTests
{
    [Fact]
    public void ProfileForm_OffersPreK_AmongTheGradeBands()
    {
        var grades = ProfileForm.Build(null).Fields.Single(f => f.Id == "grades");

        Assert.Equal([("Pre-K", "pk"), ("K-2", "k-2"), ("3-5", "3-5"), ("6-8", "6-8"), ("9-12", "9-12")], grades.Options.Select(o => (o.Label, o.Value)));
    }

    [Fact]
    public void ProfileForm_ForARosterBandNotAmongTheChoices_OffersItChecked_SoSavingKeepsIt()
    {
        var current = new TeacherProfile { Id = "U1", Name = "Ana", Grades = ["k-12", "7"] };

        var grades = ProfileForm.Build(current).Fields.Single(f => f.Id == "grades");

        Assert.Contains(grades.Options, o => o is { Label: "K-12", Value: "k-12" });
        Assert.Contains(grades.Options, o => o is { Label: "7", Value: "7" });
        Assert.Equal(["k-12", "7"], grades.Initial);
    }
}
