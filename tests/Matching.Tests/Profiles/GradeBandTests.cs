using PeerBot.Matching.Explanations;
using PeerBot.Matching.Find;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Profiles;

public sealed class GradeBandTests
{
    [Theory]
    [InlineData("PK", "pk")]
    [InlineData("Pre-K", "pk")]
    [InlineData("PreK", "pk")]
    [InlineData("pre k", "pk")]
    [InlineData("Pre-Kindergarten", "pk")]
    [InlineData("TK", "tk")]
    [InlineData("Transitional Kindergarten", "tk")]
    [InlineData("K", "k")]
    [InlineData("Kindergarten", "k")]
    [InlineData("KG", "k")]
    [InlineData("1st", "1")]
    [InlineData("2nd grade", "2")]
    [InlineData("3RD", "3")]
    [InlineData("grade 7", "7")]
    [InlineData("Grade  7", "7")]
    [InlineData("gr. 11", "11")]
    [InlineData("07", "7")]
    [InlineData("12th", "12")]
    [InlineData("9–12", "9-12")]
    [InlineData("9 — 12", "9-12")]
    [InlineData("9 - 12", "9-12")]
    [InlineData("K-12", "k-12")]
    [InlineData("k–2", "k-2")]
    [InlineData("PK-2", "pk-2")]
    [InlineData("Pre-K-2", "pk-2")]
    [InlineData("Pre-K – 5th", "pk-5")]
    [InlineData("TK-K", "tk-k")]
    [InlineData("Grades 6-8", "6-8")]
    [InlineData("6th-8th grade", "6-8")]
    [InlineData("6th to 8th", "6-8")]
    [InlineData("6 through 8", "6-8")]
    [InlineData("Kindergarten-2nd", "k-2")]
    [InlineData("7-7", "7")]
    [InlineData("6-8", "6-8")]
    [InlineData("PRE-K", "pk")]
    [InlineData("Pre K - 2", "pk-2")]
    [InlineData("pk - 2", "pk-2")]
    [InlineData("PK–12", "pk-12")]
    [InlineData("TK–5", "tk-5")]
    [InlineData("K – 12", "k-12")]
    [InlineData("Pre-K through 2nd grade", "pk-2")]
    [InlineData("Gr 7", "7")]
    [InlineData("Gr. 9-12", "9-12")]
    [InlineData("Grade K", "k")]
    [InlineData("Grades K–5", "k-5")]
    [InlineData("grades 9 to 12", "9-12")]
    [InlineData("Kinder", "k")]
    [InlineData("1st grade", "1")]
    [InlineData("Kindergarten – 12th grade", "k-12")]
    [InlineData(" tk ", "tk")]
    public void DistrictSpellings_AreStoredInOneForm(string written, string stored)
    {
        Assert.True(GradeBand.TryNormalise(written, out var band), written);
        Assert.Equal(stored, band);
    }

    [Theory]
    [InlineData("sixth")]
    [InlineData("13")]
    [InlineData("0")]
    [InlineData("12-9")]
    [InlineData("5-k")]
    [InlineData("1th")]
    [InlineData("3st")]
    [InlineData("k-2-5")]
    [InlineData("grade")]
    [InlineData("middle school")]
    [InlineData("pk3")]
    [InlineData("")]
    public void WhatIsNotAGradeOrARange_IsStillRejected(string written) =>
        Assert.False(GradeBand.TryNormalise(written, out _), written);

    [Fact]
    public void Profile_StoresTheCanonicalBands_WithoutDuplicates()
    {
        var (profile, errors) = ProfileBuilder.Build("u1", "Ana", new Dictionary<string, string>
        {
            ["role"] = "peer", ["grades"] = "Pre-K, PK, Kindergarten, 9–12, grade 7",
        });

        Assert.Empty(errors);
        Assert.Equal(["pk", "k", "9-12", "7"], profile!.Grades);
    }

    [Fact]
    public void Profile_WithOneWrongGrade_IsRejectedNamingIt()
    {
        var (profile, errors) = ProfileBuilder.Build("u1", "Ana", new Dictionary<string, string> { ["role"] = "peer", ["grades"] = "PK, sixth" });

        Assert.Null(profile);
        Assert.Equal("\"sixth\" is not a grade band: write grades like pk, k, k-2, 3-5, 6-8, 9-12 or 7", Assert.Single(errors).Message);
    }

    [Fact]
    public void Respellings_CountOnlyValuesStoredInAnotherSpelling_NotCaseAlone()
    {
        var respelled = GradeBand.Respellings("K-2; Pre-K, 9–12, 7, sixth, 1st").ToList();

        Assert.Equal([("Pre-K", "pk"), ("9–12", "9-12"), ("1st", "1")], respelled);
    }

    [Fact]
    public void Explanations_NameEarlyGradesAsTeachersSayThem()
    {
        var a = Teachers.Make("a", subjects: "art", grades: "pk-2");
        var b = Teachers.Make("b", subjects: "music", grades: "pk-2");
        var c = Teachers.Make("c", subjects: "reading", grades: "pk");
        var d = Teachers.Make("d", subjects: "reading", grades: "pk");

        Assert.Equal("You both teach grades pre-K–2; you are in the same time zone.", PairingExplanation.ForPeers([a, b], Teachers.Today));
        Assert.Equal("You both teach pre-K reading; you are in the same time zone.", PairingExplanation.ForPeers([c, d], Teachers.Today));
    }

    [Fact]
    public void Find_PreK_FindsThePreKTeacher_AndNotTheMiddleSchoolOne()
    {
        var asker = Teachers.Make("me", subjects: "science", grades: "9-12");
        TeacherProfile[] people =
        [
            asker,
            Teachers.Make("prek", name: "Pia Lund", subjects: "reading", grades: "pk-k"),
            Teachers.Make("middle", name: "Mo Diaz", subjects: "reading", grades: "6-8"),
        ];

        var found = PeerFinder.Find(asker, people, "pre-k reading", new RoundOptions { Today = Teachers.Today });

        Assert.Equal("prek", found[0].Id);
        Assert.Contains("pre-K–K reading", found[0].Reason, StringComparison.Ordinal);
    }
}
