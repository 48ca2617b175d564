using PeerBot.Matching.Explanations;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Explanations;

public sealed class PairingExplanationTests
{
    [Fact]
    public void Peers_WhoShareGradeSubjectFocusAndTime_HearAllOfIt()
    {
        var ana = Teachers.Make("a", name: "Ana Ruiz", subjects: "math", grades: "7", focus: "classroom-management,ell", availability: "tue 15:30-16:30");
        var ben = Teachers.Make("b", name: "Ben Okafor", subjects: "math,science", grades: "7", focus: "classroom-management", availability: "tue 15:00-17:00");
        Assert.Equal(
            "You both teach 7th-grade math and want help with classroom management; you overlap Tuesday after school.",
            PairingExplanation.ForPeers([ana, ben], Teachers.Today));
    }

    [Fact]
    public void Mentoring_NamesTheExperienceTheMentorBrings()
    {
        var mentee = Teachers.Make("a", name: "Ana Ruiz", grades: "6-8", years: 2, focus: "classroom-management", availability: "thu 07:00-07:45");
        var mentor = Teachers.Make("b", name: "Ben Okafor", grades: "6-8", years: 10, focus: "classroom-management,sel", availability: "thu 07:00-08:00");
        Assert.Equal(
            "You both teach 6th–8th-grade math and care about classroom management; Ben has 8 more years in the classroom; you overlap Thursday before school.",
            PairingExplanation.ForMentoring(mentee, mentor, Teachers.Today));
    }

    [Fact]
    public void Mentoring_WrittenToTheMentor_SaysYou_NotTheirOwnName()
    {
        var mentee = Teachers.Make("a", name: "Ana Ruiz", grades: "6-8", years: 2, focus: "classroom-management", availability: "thu 07:00-07:45");
        var mentor = Teachers.Make("b", name: "Ben Okafor", grades: "6-8", years: 10, focus: "classroom-management,sel", availability: "thu 07:00-08:00");
        Assert.Equal(
            "You both teach 6th–8th-grade math and care about classroom management; you have 8 more years in the classroom; you overlap Thursday before school.",
            PairingExplanation.ToMentor(mentee, mentor, Teachers.Today));
    }

    [Fact]
    public void Mentoring_WrittenToTheMentor_AcrossTimeZones_GivesTheMentorsClockAsTheirs()
    {
        var mentee = Teachers.Make("a", name: "Ana", subjects: "art", grades: "k-2", years: 1, availability: "wed 15:30-16:30");
        var mentor = Teachers.Make("b", name: "Ben", subjects: "art", grades: "k-2", years: 2, timeZone: "America/New_York", availability: "wed 16:00-18:00");
        Assert.Equal(
            "You both teach K–2 art; you have 1 more year in the classroom; you overlap Wednesday at 3:30 pm for Ana and 4:30 pm for you.",
            PairingExplanation.ToMentor(mentee, mentor, Teachers.Today));
        Assert.Equal(
            "You both teach K–2 art; Ben has 1 more year in the classroom; you overlap Wednesday at 3:30 pm for Ana and 4:30 pm for Ben.",
            PairingExplanation.ForMentoring(mentee, mentor, Teachers.Today));
    }

    [Fact]
    public void Overlap_AcrossTimeZones_GivesEachPersonTheirOwnClock()
    {
        var ana = Teachers.Make("a", name: "Ana", subjects: "art", grades: "k-2", availability: "wed 15:30-16:30");
        var ben = Teachers.Make("b", name: "Ben", subjects: "music", grades: "9-12", timeZone: "America/New_York", availability: "wed 16:00-18:00");
        Assert.Equal("You overlap Wednesday at 3:30 pm for Ana and 4:30 pm for Ben.", PairingExplanation.ForPeers([ana, ben], Teachers.Today));
    }

    [Fact]
    public void Pod_SaysWhoSharesWhat()
    {
        var members = new[]
        {
            Teachers.Make("a", subjects: "science", grades: "9-12", focus: "sel", availability: "thu 15:30-16:30"),
            Teachers.Make("b", subjects: "science", grades: "9-12", focus: "sel,assessment", availability: "thu 15:00-17:00"),
            Teachers.Make("c", subjects: "science", grades: "9-12", focus: "literacy", availability: "thu 15:30-16:00"),
        };
        Assert.Equal(
            "You all teach 9th–12th-grade science; two of you want help with SEL; you all overlap Thursday after school.",
            PairingExplanation.ForPeers(members, Teachers.Today));
    }

    [Fact]
    public void Grades_WithoutASharedSubject_AreNamedOnTheirOwn()
    {
        var a = Teachers.Make("a", subjects: "art", grades: "k-2");
        var b = Teachers.Make("b", subjects: "music", grades: "k-2");
        Assert.Equal("You both teach grades K–2; you are in the same time zone.", PairingExplanation.ForPeers([a, b], Teachers.Today));
    }

    [Fact]
    public void Words_ReadAsATeacherWritesThem()
    {
        // "K–2 math" (not "K–2nd-grade"), languages with a capital, "work-life balance" with its hyphen.
        var mentee = Teachers.Make("a", name: "Ana", subjects: "spanish,math", grades: "k-2", years: 1, focus: "work-life-balance");
        var mentor = Teachers.Make("b", name: "Ben", subjects: "spanish,math", grades: "k-2", years: 6, focus: "work-life-balance");
        Assert.Equal(
            "You both teach K–2 Spanish and math and care about work-life balance; Ben has 5 more years in the classroom; you are in the same time zone.",
            PairingExplanation.ForMentoring(mentee, mentor, Teachers.Today));
    }

    [Fact]
    public void NothingInCommon_StillGetsAnHonestSentence()
    {
        var a = Teachers.Make("a", subjects: "art", grades: "k-2", availability: "mon 07:00-07:30");
        var b = Teachers.Make("b", subjects: "music", grades: "9-12", availability: "fri 19:00-20:00");
        Assert.Equal("You were each other's closest fit in this round.", PairingExplanation.ForPeers([a, b], Teachers.Today));
    }
}
