using System.Text;
using System.Text.Json;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

public class SlackSignatureTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(Paths.ReadFixture("slack_signing_test_vector.json")).RootElement;
    private static readonly byte[] Body = File.ReadAllBytes(Paths.Fixture(Vector.GetProperty("body_file").GetString()!));
    private static readonly string Secret = Vector.GetProperty("signing_secret").GetString()!;
    private static readonly string Timestamp = Vector.GetProperty("x_slack_request_timestamp").GetString()!;
    private static readonly string Signature = Vector.GetProperty("x_slack_signature").GetString()!;
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void SlacksOwnWorkedExample_IsValid() =>
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt.AddSeconds(30)));

    [Fact]
    public void SigningTheWorkedExample_GivesSlacksSignature() =>
        Assert.Equal(Signature, SlackSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void Request_OlderThanFiveMinutes_IsStale() =>
        Assert.Equal(SignatureCheck.Stale, SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt.AddSeconds(301)));

    [Fact]
    public void Request_FromTheFuture_IsStale() =>
        Assert.Equal(SignatureCheck.Stale, SlackSignature.Verify(Secret, Timestamp, Signature, Body, SignedAt.AddSeconds(-301)));

    [Fact]
    public void TamperedBody_IsRejected()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("roadrunner", "coyote", StringComparison.Ordinal));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, Timestamp, Signature, tampered, SignedAt));
    }

    [Fact]
    public void WrongSecret_IsRejected() =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify("another-secret", Timestamp, Signature, Body, SignedAt));

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("1531420618", null)]
    [InlineData("", "")]
    public void MissingHeaders_AreRejected(string? timestamp, string? signature) =>
        Assert.Equal(SignatureCheck.Missing, SlackSignature.Verify(Secret, timestamp, signature, Body, SignedAt));

    [Theory]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=not-hex-at-all-not-hex-at-all-not-hex-at-all-not-hex-at-all-zz")]
    [InlineData("v0=a2114d57")]
    public void MalformedSignatures_AreRejected(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, Timestamp, signature, Body, SignedAt));
}
