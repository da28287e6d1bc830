using BenchmarkDotNet.Attributes;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Privacy;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.Port;
using CopilotIngest.Port.Sink;

namespace MicroBench;

/// <summary>
/// The Microsoft 365 user path, step by step: parsing the CSV user detail report, mapping each row to an
/// <c>m365_copilot_user</c> entity, and serializing it with its content hash as the sink sends it.
/// </summary>
[MemoryDiagnoser]
public class M365UserBenchmarks
{
    private const string Tenant = "contoso";

    private readonly Pseudonymizer _plain = new(PrivacyMode.Plain, null);
    private byte[] _csv = [];
    private List<UserActivityRecord> _records = [];
    private List<PortEntity> _entities = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _csv = ReportInputs.M365UsersCsv();
        _records = await ReadAsync(_csv);
        _entities = [.. _records.Select(Map)];
    }

    [Benchmark(OperationsPerInvoke = ReportInputs.Records)]
    public async Task<int> ParseUserReportCsv() => (await ReadAsync(_csv)).Count;

    [Benchmark(OperationsPerInvoke = ReportInputs.Records)]
    public int MapUserEntity()
    {
        var properties = 0;
        foreach (var record in _records)
        {
            properties += Map(record).Properties.Count;
        }

        return properties;
    }

    [Benchmark(OperationsPerInvoke = ReportInputs.Records)]
    public long SerializeWithContentHash()
    {
        long bytes = 0;
        foreach (var entity in _entities)
        {
            var json = PortClient.SerializeEntity(entity);
            bytes += ContentHash.Serialize(entity, ContentHash.Of(json)).Length;
        }

        return bytes;
    }

    private static async Task<List<UserActivityRecord>> ReadAsync(byte[] csv)
    {
        using var stream = new MemoryStream(csv, writable: false);
        var state = new ReportReadState();
        var records = new List<UserActivityRecord>(ReportInputs.Records);
        await foreach (var row in CsvReportReader.ReadAsync(stream, UserActivityReader.RequiredColumns, state, CancellationToken.None))
        {
            if (UserActivityReader.Read(row, state) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private PortEntity Map(UserActivityRecord record) =>
        UserMapper.Map(
            record,
            UserIdentity.Resolve(record.UserPrincipalName, record.DisplayName, record.ReportRefreshDate, Tenant, _plain),
            Tenant,
            ReportPeriod.D7,
            v2: false,
            relatePortUser: false);
}
