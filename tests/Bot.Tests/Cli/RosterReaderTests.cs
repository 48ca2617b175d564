using PeerBot.Bot.Cli;
using PeerBot.MatchTool;
using PeerBot.Matching.Profiles;

namespace PeerBot.Bot.Tests.Cli;

public sealed class RosterReaderTests
{
    [Fact]
    public void Csv_QuotedCells_KeepCommasQuotesAndLineBreaks_AndNumberRecordsByTheirFirstLine()
    {
        var records = CsvReader.Read(new StringReader("id,school\r\nU1,\"Lincoln, MS\"\r\n\r\nU2,\"The \"\"New\"\"\nAnnex\"\nU3,\n")).ToList();

        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["U1", "Lincoln, MS"], records[1].Cells);
        Assert.Equal(["U2", "The \"New\"\nAnnex"], records[2].Cells);
        Assert.Equal(["U3", ""], records[3].Cells);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData("U1,Lincoln \"North\" MS\n", "a quote inside a cell")]
    [InlineData("U1,\"Lincoln\" MS\n", "a quote inside a cell")]
    [InlineData("U1,\"Lincoln MS\n", "a quoted cell is never closed")]
    public void Csv_MalformedQuotes_AreReportedOnTheRecord(string text, string expected) =>
        Assert.StartsWith(expected, Assert.Single(CsvReader.Read(new StringReader(text))).Error, StringComparison.Ordinal);

    [Fact]
    public void CsvRoster_UsesTheChatFieldAliases_AndSemicolonLists()
    {
        var roster = RosterReader.ReadCsv(new StringReader("""
            id,role,subject,tz,avail,focus
            U1,mentee,math;science,America/Chicago,tue 15:30-16:30;thu 07:00-07:45,classroom management;ell
            """));

        var person = Assert.Single(roster.People);
        Assert.Empty(roster.Rejected);
        Assert.Equal(["math", "science"], person.Subjects);
        Assert.Equal("America/Chicago", person.TimeZone);
        Assert.Equal(["tue 15:30-16:30", "thu 07:00-07:45"], person.Availability.Select(a => a.ToString()));
        Assert.Equal(["classroom-management", "ell"], person.Focus);
    }

    [Fact]
    public void CsvRoster_WrongCellCountOrUnknownColumn_RejectsWithLineNumbers()
    {
        var roster = RosterReader.ReadCsv(new StringReader("id,role,shoe size\nU1,mentee,9\nU2,mentee\n"));

        Assert.Empty(roster.Entries);
        Assert.Equal(["line 2, shoe size", "line 3: has 2 cells but the header names 3 columns"],
            roster.Rejected.Select(r => r.ToString().Split(": unknown")[0]));
    }

    [Fact]
    public void Roster_GradeBandsAsDistrictsWriteThem_AreStoredCanonically_AndCounted()
    {
        var roster = RosterReader.ReadJsonLines(new StringReader("""
            {"id":"U1","role":"peer","grades":["PK-2"]}
            {"id":"U2","role":"peer","grades":["Pre-K","Kindergarten"]}
            {"id":"U3","role":"peer","grades":["9–12","grade 7"]}
            {"id":"U4","role":"peer","grades":["K-12"]}
            {"id":"U5","role":"peer","grades":["sixth"]}
            """));

        Assert.Equal([["pk-2"], ["pk", "k"], ["9-12", "7"], ["k-12"]], roster.People.Select(p => p.Grades));
        Assert.Equal("line 5, grades: \"sixth\" is not a grade band: write grades like pk, k, k-2, 3-5, 6-8, 9-12 or 7", Assert.Single(roster.Rejected).ToString());
        // "PK-2" and "K-12" differ from pk-2 and k-12 only in case: stored, not counted as respelled.
        Assert.Equal("normalised 4 grade bands (e.g. \"Pre-K\" → pk, \"Kindergarten\" → k, \"9–12\" → 9-12)", roster.NormalisedSummary());
        Assert.Equal(4, roster.Normalised);
    }

    [Fact]
    public void CsvRoster_SemicolonGradeLists_AreNormalisedPerValue()
    {
        var roster = RosterReader.ReadCsv(new StringReader("id,role,grade\nU1,peer,TK;1st;2nd\nU2,peer,6-8\n"));

        Assert.Equal([["tk", "1", "2"], ["6-8"]], roster.People.Select(p => p.Grades));
        Assert.Equal(2, roster.Normalised);
    }

    [Fact]
    public void Roster_WrittenCanonically_ReportsNothingNormalised()
    {
        var roster = RosterReader.ReadJsonLines(new StringReader("""{"id":"U1","role":"peer","grades":["k-2","7"]}"""));

        Assert.Equal(0, roster.Normalised);
        Assert.Null(roster.NormalisedSummary());
    }

    [Fact]
    public void JsonRosterFile_WithByteOrderMarkMixedLineBreaksAndEscapes_ReadsEveryLineAsWritten()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("people.jsonl");
        var text = string.Join("",
            "{\"id\":\"U1\",\"name\":\"Jos\\u00e9 \\\"Pepe\\\" Ruiz\",\"role\":\"Mentee\",\"subjects\":[\"Math\",\"science\"],\"years\":2,\"school\":null}\r\n",
            "\r\n",
            "   \n",
            "{\"id\":42,\"role\":\"mentor\",\"grades\":[\"Pre-K\",7],\"availability\":[\"tue 15:30-16:30\",\"Thursday 7:00 - 7:45\"]}\r",
            "{\"id\":\"U3\",\"role\":\"peer\",\"school\":{\"name\":\"Lincoln\"}}\n",
            "{\"id\":\"U4\",\"role\":\"peer\"} trailing\n",
            "[{\"id\":\"U5\"}]\n",
            "{\"id\":\"U6\",\"role\":\"peer\",\"focus\":[\"ell\",[\"sel\"]]}\n",
            "{\"id\":\"U7\",\"role\":\"peer\",\"Role\":\"mentee\"}");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);

        var roster = RosterReader.Read(path);

        Assert.Equal(["U1", "42", "U7"], roster.People.Select(p => p.Id));
        var first = roster.People[0];
        Assert.Equal("José \"Pepe\" Ruiz", first.Name);
        Assert.Equal(MentoringRole.Mentee, first.Role);
        Assert.Equal(["math", "science"], first.Subjects);
        Assert.Equal(2, first.Years);
        Assert.Equal(["pk", "7"], roster.People[1].Grades);
        Assert.Equal(["tue 15:30-16:30", "thu 07:00-07:45"], roster.People[1].Availability.Select(a => a.ToString()));
        // Two spellings of one field: the last one written counts, as before.
        Assert.Equal(MentoringRole.Mentee, roster.People[2].Role);
        Assert.Equal([5, 6, 7, 8], roster.Rejected.Select(r => r.Line));
        Assert.Equal("line 5, school: must be a text, a number or a list of texts", roster.Rejected[0].ToString());
        Assert.StartsWith("line 6: not valid JSON (", roster.Rejected[1].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("line 7: not a JSON object", roster.Rejected[2].ToString(), StringComparison.Ordinal);
        Assert.Equal("line 8, focus: must be a text, a number or a list of texts", roster.Rejected[3].ToString());
        Assert.Equal([1, 4, 9], roster.Entries.Select(e => e.Line));
    }

    [Fact]
    public void JsonRosterFile_BytesThatAreNotUtf8_AreReadAsTheTextReaderWould()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("people.jsonl");
        File.WriteAllBytes(path, [.. "{\"id\":\"U1\",\"role\":\"peer\",\"name\":\"Ana "u8, 0xFF, .. "\"}\n"u8]);

        var person = Assert.Single(RosterReader.Read(path).People);

        Assert.Equal("Ana \uFFFD", person.Name);
    }

    [Fact]
    public void JsonRoster_ReadForMatching_KeepsProfilesButNotRawFields()
    {
        using var folder = new TempFolder();
        var path = folder.Write("people.jsonl", "{\"id\":\"U1\",\"role\":\"peer\",\"subjects\":[\"math\"]}\n");

        var kept = Assert.Single(RosterReader.Read(path).Entries);
        var dropped = Assert.Single(RosterReader.Read(path, keepFields: false).Entries);

        Assert.Equal("math", kept.Fields["subjects"]);
        Assert.Empty(dropped.Fields);
        Assert.Equal(["math"], dropped.Profile.Subjects);
    }

    [Fact]
    public void JsonRosterFile_ThousandsOfLinesRepeatingTheSameLists_WithOddLinesAmongThem_ReadsEveryLineAsOnItsOwn()
    {
        using var folder = new TempFolder();
        var lines = Enumerable.Range(1, 5000).Select(i => i switch
        {
            // A bad slot amid good ones, on a line like thousands of others.
            1234 => "{\"id\":\"P1234\",\"role\":\"peer\",\"availability\":[\"tue 15:30-16:30\",\"someday\"]}",
            // One field written twice in two cases: the last one counts.
            2345 => "{\"id\":\"P2345\",\"role\":\"peer\",\"Role\":\"mentee\",\"grades\":[\"Pre-K\"]}",
            3456 => "{\"id\":\"P3456\",\"role\":\"peer\",\"school\":{\"name\":\"Lincoln\"}}",
            4567 => "{\"id\":\"P1\",\"role\":\"peer\"}",
            // Both spellings of the grades field: both applied in order, both respellings counted.
            4999 => "{\"id\":\"P4999\",\"role\":\"peer\",\"grade\":\"Pre-K\",\"grades\":[\"9\u201312\"]}",
            _ => $"{{\"id\":\"P{i}\",\"name\":\"Teacher {i}\",\"role\":\"{(i % 3 == 0 ? "mentor" : "mentee")}\",\"subjects\":[\"Math\",\"science\"]," +
                 $"\"grades\":[\"Pre-K\",\"k-2\"],\"years\":{i % 7},\"timezone\":\"America/Chicago\"," +
                 $"\"availability\":[\"tue 15:30-16:30\",\"Thursday 7:00 - 7:45\"],\"capacity\":{(i % 3 == 0 ? 2 : 0)}}}",
        });
        var path = folder.WriteLines("people.jsonl", lines);

        var roster = RosterReader.Read(path, keepFields: false);

        Assert.Equal(
        [
            "line 1234, availability: \"someday\" is not a time slot: write day and hours like \"tue 15:30-16:30\"",
            "line 3456, school: must be a text, a number or a list of texts",
            "line 4567, id: \"P1\" is already on line 1",
        ], roster.Rejected.Select(r => r.ToString()));
        Assert.Equal(4997, roster.People.Count);
        Assert.Equal(Enumerable.Range(1, 5000).Except([1234, 3456, 4567]), roster.Entries.Select(e => e.Line));
        var usual = roster.People.Where(p => p.Id is not ("P2345" or "P4999")).ToList();
        Assert.Equal(4995, usual.Count);
        Assert.All(usual, p =>
        {
            var i = int.Parse(p.Id[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"Teacher {i}", p.Name);
            Assert.Equal(i % 3 == 0 ? MentoringRole.Mentor : MentoringRole.Mentee, p.Role);
            Assert.Equal((i % 7, i % 3 == 0 ? 2 : 0), (p.Years, p.Capacity));
            Assert.Equal(["math", "science"], p.Subjects);
            Assert.Equal(["pk", "k-2"], p.Grades);
            Assert.Equal("America/Chicago", p.TimeZone);
            Assert.Equal(["tue 15:30-16:30", "thu 07:00-07:45"], p.Availability.Select(a => a.ToString()));
        });
        var twice = roster.People.Single(p => p.Id == "P2345");
        Assert.Equal(MentoringRole.Mentee, twice.Role);
        Assert.Equal(["pk"], twice.Grades);
        Assert.Equal(["9-12"], roster.People.Single(p => p.Id == "P4999").Grades);
        Assert.Equal(4995 + 1 + 2, roster.Normalised);
        Assert.All(roster.Entries, e => Assert.Empty(e.Fields));

        // For an import each line keeps the fields it gave (lists as comma text), without its id.
        var kept = RosterReader.Read(path);
        Assert.Equal(
            ["name", "role", "subjects", "grades", "years", "timezone", "availability", "capacity"],
            kept.Entries[0].Fields.Keys);
        Assert.Equal("Math,science", kept.Entries[0].Fields["subjects"]);
        Assert.Equal("tue 15:30-16:30,Thursday 7:00 - 7:45", kept.Entries[0].Fields["availability"]);
        Assert.Equal("mentee", kept.Entries.Single(e => e.Line == 2345).Fields["role"]);
        Assert.Equal(kept.People.Select(p => (p.Id, p.Role, p.Years)), roster.People.Select(p => (p.Id, p.Role, p.Years)));
    }

    [Fact]
    public void JsonRosterFile_ReadInBlocksCutAnywhere_ReadsTheSameLinesAsReadWhole()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("people.jsonl");
        var text = string.Join("",
            "{\"id\":\"U1\",\"role\":\"mentee\",\"subjects\":[\"Math\",\"science\"],\"name\":\"Jos\u00e9\"}\r\n",
            "\r\n",
            "{\"id\":\"U2\",\"role\":\"mentor\",\"grades\":[\"Pre-K\"],\"availability\":[\"tue 15:30-16:30\"]}\r",
            "{\"id\":\"U3\",\"role\":\"peer\",\"school\":\"" + new string('x', 100) + "\"}\n",
            "{\"id\":\"U4\",\"role\":\"teacher\"}\r\n",
            "\r",
            "{\"id\":\"U5\",\"role\":\"peer\",\"focus\":[\"ell\"]}");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);
        var whole = RosterReader.ReadJsonLines(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(["U1", "U2", "U3", "U5"], whole.People.Select(p => p.Id));
        Assert.Equal([1, 3, 4, 7], whole.Entries.Select(e => e.Line));
        Assert.Equal("line 5, role: \"teacher\" is not a role: role is one of mentee, mentor, both, peer", Assert.Single(whole.Rejected).ToString());
        for (var block = 1; block <= text.Length + 8; block += block < 80 ? 1 : 13)
        {
            var read = RosterReader.Read(path, keepFields: true, block);
            Assert.True(read.Entries.Count == 4, $"blocks of {block} bytes: lines {string.Join(",", read.Entries.Select(e => e.Line))}");

            Assert.Equal(whole.Entries.Select(e => (e.Line, e.Profile.Id, e.Profile.Name, string.Join("|", e.Profile.Subjects), string.Join("|", e.Profile.Grades), e.Profile.School)),
                read.Entries.Select(e => (e.Line, e.Profile.Id, e.Profile.Name, string.Join("|", e.Profile.Subjects), string.Join("|", e.Profile.Grades), e.Profile.School)));
            Assert.Equal(whole.Rejected, read.Rejected);
            Assert.Equal(1, read.Normalised);
            Assert.Equal("Math,science", read.Entries[0].Fields["subjects"]);
        }
    }

    // Lines for a match: the quick reading (straight from the bytes, each value parsed once) takes the plain ones and must
    // leave the others to the readers that word what is wrong; '#' is replaced by a number unique to each line.
    private static readonly string[] OddLines =
    [
        """{"id":"A#","name":"Teacher A","role":"mentee","subjects":["ela","Math"],"grades":["Pre-K","k-2"],"years":3,"school":"School 1","focus":["sel","Classroom Management"],"timezone":"America/Chicago","availability":["wed 12:00-12:30"],"capacity":0,"cohort":"New"}""",
        """  { "id" : "B#" , "role" : "mentor" , "subjects" : [ "math" , 7 ] , "capacity" : 2 , "grades" : [ ] }  """,
        "{\"id\":\"B#\",\t\"role\":\"mentor\",\"subjects\":[\"math\",7],\"capacity\":2}",
        """{"id":"C#","role":"both","subject":"math;science","grade":"9–12","tz":"America/Phoenix","avail":"tue 15:30-16:30, someday"}""",
        """{"id":"D#","role":"peer","subjects":"[]","focus":"[]"}""",
        """{"id":"E#","role":"peer","subjects":[],"focus":[]}""",
        """{"id":"F#","role":"peer","school":"Math","subjects":"Math","cohort":"Math","focus":"Math"}""",
        """{"id":"G#","role":"mentor","years":"5","capacity":"3"}""",
        """{"id":"H#","role":"mentor","years":5,"capacity":3}""",
        """{"id":"I#","role":"mentor","years":5.0,"capacity":-1}""",
        """{"id":"J#","role":"mentee","years":1e1,"grades":["sixth"]}""",
        """{"id":"K#","role":"peer","school":null,"name":null,"timezone":null,"cohort":null}""",
        """{"id":"L#","role":"peer","name":"  ","timezone":"Mars/Olympus"}""",
        """{"id":"  M# ","role":" Peer ","name":" Ana  Ruiz "}""",
        """{"id":#,"role":"peer","name":12}""",
        """{"id":"N#","role":"peer","name":"Jos\u00e9 \"Pepe\""}""",
        """{"id":"O#","role":"peer","name":"José","school":"École Nord","subjects":["ciencias sociales","música"]}""",
        """{"id":"P#","Role":"peer"}""",
        """{"id":"Q#","role":"peer","role":"mentee"}""",
        """{"id":"R#","role":"peer","grade":"Pre-K","grades":["k"]}""",
        """{"id":"S#","role":"peer","subject":"ell","subjects":["math"]}""",
        """{"id":"T#","role":"peer","shoe":"9"}""",
        """{"id":"U#","role":"peer",}""",
        """{"id":"V#","role":"peer"} x""",
        """{"id":"W#","role":"peer","years":01}""",
        """{"id":"X#","role":true}""",
        """{"id":"Y#","role":"peer","focus":[null]}""",
        """{"id":"Z#","role":"peer","focus":["a",]}""",
        """{"id":"AA#","role":"peer","school":{"a":1}}""",
        """[{"id":"AB#"}]""",
        """{}""",
        """{"id":null,"role":"peer"}""",
        """{"id":["AC#"],"role":"peer"}""",
        """{"id":"AD#","role":"peer","years":-}""",
        """{"id":"AE#","role":"peer","years":1.}""",
        """{"id":"AF#","name":"No Role"}""",
        """{"id":"AG#","role":"mentor","capacity":0}""",
        "{\"id\":\"AH#\",\"role\":\"peer\",\"school\":\"A\tB\"}",
        """{"id":"SAME","role":"peer"}""",
        """{"id":"AI#","role":"peer","availability":["tue 15:30-16:30","Thursday 7:00 - 7:45"],"availability2":[]}""",
        """{"id":"AJ#","role":"peer","availability":["tue 15:30-16:30","Thursday 7:00 - 7:45"]}""",
        """{"id":"AK#","role":"peer","name":"x""",
        "{\"id\":\"AL#\",\"role\":\"mentee\",\"cohort\":\"" + new string('c', 300) + "\",\"school\":\"" + new string('s', 300) + "\"}",
        "",
        "  \t ",
        """{"id":"AM#","role":"peer","name":"Jos\u00e9","school":"Back\\slash","subjects":["a\/b"]}""",
        // Availability lists item by item (a dense roster: every person their own list of common slots), and the odd ones.
        """{"id":"AN#","role":"mentee","timezone":"America/Chicago","availability":["fri 12:00-12:30","fri 15:30-16:30","mon 07:00-07:45","thu 16:00-17:00","tue 15:30-16:30","thu 19:00-20:00"]}""",
        """{"id":"AO#","role":"mentor","capacity":1,"availability":["mon 07:00-07:45, tue 08:00-09:00","", "  "," wed 12:00-12:30 ","thu 16:00-17:00,"]}""",
        """{"id":"AP#","role":"peer","availability":"fri 12:00-12:30"}""",
        """{"id":"AQ#","role":"peer","availability":["fri 12:00-12:30"]}""",
        """{"id":"AR#","role":"peer","availability":"mon 07:00-07:45, tue 08:00-09:00"}""",
        """{"id":"AS#","role":"peer","availability":["mon 07:00-07:45","someday","tue 08:00-09:00"]}""",
        """{"id":"AT#","role":"peer","availability":["mon 07:00-07:45",5]}""",
        """{"id":"AU#","role":"peer","availability":[]}""",
        """{"id":"AV#","role":"peer","availability":["mon 07:00-07:45","mon 07:00-07:45","Monday 7:00 - 7:45"]}""",
        "{\"id\":\"AW#\",\"role\":\"peer\",\"availability\":[\"\u00a0sat 10:00-11:00\u00a0\",\"sun 8:00-9:00\"]}",
        "{\"id\":\"AX#\",\"role\":\"peer\",\"availability\":[" + string.Join(",", Enumerable.Range(0, 17).Select(h => $"\"tue {h + 6}:00-{h + 6}:30\"")) + "]}",
        """{"id":"AY#","role":"peer","availability":["wed 25:00-26:00"]}""",
        """{"id":"AZ#","role":"peer","availability":["tue 15:30-16:30","Thursday 7:00 - 7:45"],"avail":"mon 9:00-10:00"}""",
    ];

    private static string Describe(TeacherProfile p) => string.Join(" | ",
        p.Id, p.Name, p.Role, string.Join(",", p.Subjects), string.Join(",", p.Grades), p.Years, p.School, string.Join(",", p.Focus),
        p.TimeZone, string.Join(",", p.Availability), p.Capacity, p.Cohort);

    [Fact]
    public void JsonRosterForMatching_ReadStraightFromTheBytes_ReadsOddLinesAsTheCarefulReadingDoes()
    {
        using var folder = new TempFolder();
        var path = folder.PathOf("people.jsonl");
        // Enough lines for both cores and for every value to be met again and again; a line that is not UTF-8 now and then.
        var number = 0;
        var bytes = new List<byte>();
        for (var round = 0; round < 80; round++)
        {
            foreach (var line in OddLines)
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(line.Replace("#", (++number).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
                bytes.Add((byte)'\n');
            }

            bytes.AddRange([.. "{\"id\":\"BAD"u8, (byte)('0' + round % 10), .. "\",\"role\":\"peer\",\"name\":\"Ana "u8, 0xFF, .. "\",\"school\":\"S\u00e9\"}\n"u8]);
        }

        File.WriteAllBytes(path, [.. bytes]);

        var quick = RosterReader.Read(path, keepFields: false);
        var careful = RosterReader.Read(path, keepFields: true);

        Assert.True(quick.Entries.Count > 1000, $"{quick.Entries.Count} people read");
        Assert.Equal(careful.Entries.Select(e => (e.Line, Describe(e.Profile))), quick.Entries.Select(e => (e.Line, Describe(e.Profile))));
        Assert.Equal(careful.Rejected, quick.Rejected);
        Assert.Equal(careful.Normalised, quick.Normalised);
        Assert.Equal(careful.NormalisedExamples, quick.NormalisedExamples);
        Assert.Contains(quick.People, p => p.Name == "Ana \uFFFD");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(9, true)]
    [InlineData(11, true)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(16, true)]
    [InlineData(42, true)]
    [InlineData(15, false)]
    [InlineData(17, false)]
    [InlineData(18, false)]
    [InlineData(19, false)]
    [InlineData(20, false)]
    [InlineData(21, false)]
    [InlineData(22, false)]
    [InlineData(23, false)]
    [InlineData(24, false)]
    [InlineData(25, false)]
    [InlineData(26, false)]
    [InlineData(27, false)]
    [InlineData(28, false)]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, false)]
    [InlineData(32, false)]
    [InlineData(33, false)]
    [InlineData(34, false)]
    [InlineData(37, false)]
    [InlineData(39, false)]
    [InlineData(41, false)]
    [InlineData(45, false)]
    [InlineData(46, true)]
    [InlineData(47, true)]
    [InlineData(51, true)]
    [InlineData(52, true)]
    [InlineData(56, true)]
    [InlineData(58, false)]
    public void PlainLine_IsReadStraightFromItsBytes_OnlyWhenNothingInItNeedsTheCarefulReading(int line, bool plain)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(OddLines[line].Replace("#", "1", StringComparison.Ordinal));

        Assert.Equal(plain, new PlainJsonLine().TryRead(bytes, out _, out _, out _));
    }
}
