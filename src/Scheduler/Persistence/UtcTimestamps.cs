using System.Data;
using System.Runtime.CompilerServices;
using Dapper;

namespace PeerBot.Scheduler.Persistence;

/// <summary>Lets Dapper read <c>timestamptz</c> as <see cref="DateTimeOffset"/> (Npgsql hands it over as a UTC <see cref="DateTime"/>).</summary>
internal sealed class UtcTimestamps : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"A {value.GetType().Name} is not a timestamp"),
    };

#pragma warning disable CA2255 // Dapper's handlers are process-wide: registered once, before any query of this assembly runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        SqlMapper.AddTypeHandler(new UtcTimestamps());
    }
}
