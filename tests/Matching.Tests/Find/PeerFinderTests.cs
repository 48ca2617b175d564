using PeerBot.Matching.Find;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Find;

public sealed class PeerFinderTests
{
    private static readonly TeacherProfile Asker = Teachers.Make("me", subjects: "science", grades: "9-12", years: 1);

    private static readonly TeacherProfile[] People =
    [
        Asker,
        Teachers.Make("middle-math", name: "Rosa Diaz", subjects: "math", grades: "6-8", years: 12, focus: "classroom-management"),
        Teachers.Make("high-math", name: "Hal Berg", subjects: "math", grades: "9-12", years: 4, focus: "assessment"),
        Teachers.Make("k2-reading", name: "Kim Lee", subjects: "reading", grades: "k-2", years: 7, focus: "literacy", school: "Jefferson Elementary"),
        Teachers.Make("art", name: "Ari Shah", subjects: "art", grades: "6-8", years: 20, focus: "sel"),
    ];

    private static IReadOnlyList<PeerSuggestion> Find(string topic, PairingRules? rules = null) =>
        PeerFinder.Find(Asker, People, topic, new RoundOptions { Today = Teachers.Today, Rules = rules ?? new PairingRules() });

    private static IReadOnlyList<TopicSuggestion> Broader(string topic, PairingRules? rules = null) =>
        PeerFinder.BroaderTopics(Asker, People, topic, new RoundOptions { Today = Teachers.Today, Rules = rules ?? new PairingRules() });

    [Fact]
    public void BroaderTopics_ForWordsThatFoundNobody_AreSubjectsAndFocusAreasPeopleHereChose_EachFindingSomeone()
    {
        Assert.Empty(Find("chemistry"));
        var broader = Broader("chemistry");

        Assert.Equal(3, broader.Count);
        Assert.Equal(new TopicSuggestion("math", 2), broader[0]);
        Assert.All(broader, b => Assert.NotEmpty(Find(b.Topic)));
        Assert.All(broader, b => Assert.Equal(Find(b.Topic).Count, b.People));
        Assert.DoesNotContain(broader, b => b.Topic.Contains('-', StringComparison.Ordinal) && char.IsDigit(b.Topic[0]));
    }

    [Fact]
    public void BroaderTopics_ForAGradeThatFoundNobody_OfferGradeBandsFirst_AndNeverTheSameQuestion()
    {
        Assert.Empty(Find("4th grade"));
        var broader = Broader("4th grade");
        Assert.Equal("6-8", broader[0].Topic);
        Assert.Equal(2, broader[0].People);

        // "maths" asks what "math" asks: it is never offered back as a broader topic.
        Assert.DoesNotContain(Broader("MATHS"), b => b.Topic == "math");
    }

    [Fact]
    public void BroaderTopics_NeverCountOrOfferPeopleTheAskerMayNotSee()
    {
        var rules = new PairingRules
        {
            Blocked = [new BlockedPair("middle-math", "me")],
            Paused = new HashSet<string> { "high-math" },
        };
        var broader = Broader("chemistry", rules);
        Assert.DoesNotContain(broader, b => b.Topic is "math" or "classroom-management" or "assessment");
        Assert.All(broader, b => Assert.Equal(1, b.People));
    }

    [Fact]
    public void Find_RanksSubjectAndGradeMatchesFirst_WithAReason()
    {
        var results = Find("7th grade math");
        Assert.Equal(["middle-math", "high-math", "art"], results.Select(r => r.Id));
        Assert.Equal("Teaches 6th–8th-grade math; 12 years in the classroom.", results[0].Reason);
        Assert.Equal(70, results[0].Score);
    }

    [Fact]
    public void Find_UnderstandsFocusAreasAndTheirEverydayWords()
    {
        Assert.Equal("middle-math", Find("classroom management").First().Id);
        var behaviour = Find("help with behavior");
        Assert.Equal("middle-math", behaviour.Single().Id);
        Assert.Equal("Works on classroom management; 12 years in the classroom.", behaviour[0].Reason);
    }

    [Fact]
    public void Find_MatchesGradeBandWords_AndSchoolNames()
    {
        Assert.Equal(["k2-reading"], Find("kindergarten").Select(r => r.Id));
        Assert.Equal(["middle-math", "art"], Find("middle school").Select(r => r.Id).Order(StringComparer.Ordinal).Reverse());
        var school = Find("Jefferson");
        Assert.Equal("k2-reading", school.Single().Id);
        Assert.Equal("At Jefferson Elementary; 7 years in the classroom.", school[0].Reason);
    }

    [Fact]
    public void Find_NeverSuggestsTheAsker_ABlockedPeer_OrAPausedOne()
    {
        var rules = new PairingRules { Blocked = [new BlockedPair("high-math", "me")], Paused = new HashSet<string> { "middle-math" } };
        Assert.Empty(Find("math", rules));
        Assert.DoesNotContain(Find("science"), r => r.Id == "me");
    }

    [Fact]
    public void Find_WithNothingToGoOn_FallsBackToTheBestFits()
    {
        var results = Find("   ");
        Assert.Equal(4, results.Count);
        Assert.True(results.Zip(results.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }
}
