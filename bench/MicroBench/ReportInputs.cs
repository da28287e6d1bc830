using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MicroBench;

/// <summary>
/// Report bodies of <see cref="Records"/> records, built from the vendors' example records (tests/fixtures/vendor) with a
/// distinct user, numbers and dates on each record, so no two lines are the same.
/// </summary>
public static class ReportInputs
{
    /// <summary>Records per benchmark invocation; results are per record (<c>OperationsPerInvoke</c>).</summary>
    public const int Records = 10_000;

    /// <summary>A GitHub users-1-day report: one NDJSON line per user.</summary>
    public static byte[] GitHubUsersNdjson()
    {
        var template = JsonNode.Parse(File.ReadAllLines(Fixture("users-1-day.example.ndjson")).First(l => l.Length > 0))!.AsObject();
        var text = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            var line = template.DeepClone().AsObject();
            line["user_login"] = string.Create(CultureInfo.InvariantCulture, $"user-{i:D6}");
            line["user_id"] = 1_000_000 + i;
            line["loc_added_sum"] = i % 500;
            line["code_generation_activity_count"] = i % 40;
            text.Append(line.ToJsonString()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A Microsoft 365 Copilot usage user detail report (CSV, v1.0): the vendor's header, one row per user.</summary>
    public static byte[] M365UsersCsv()
    {
        var header = File.ReadLines(Fixture("copilot-usage-user-detail.example.csv")).First();
        var columns = header.Split(',').Length;
        var text = new StringBuilder(header).Append("\r\n");
        for (var i = 0; i < Records; i++)
        {
            var fields = new string[columns];
            fields[0] = "2026-11-23";
            fields[1] = string.Create(CultureInfo.InvariantCulture, $"user{i}@contoso.com");
            fields[2] = string.Create(CultureInfo.InvariantCulture, $"\"User {i}, Contoso\"");
            for (var c = 3; c < columns - 1; c++)
            {
                fields[c] = (i + c) % 3 == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"2026-11-{10 + ((i + c) % 13):D2}");
            }

            fields[columns - 1] = "7";
            text.AppendJoin(',', fields).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);
}
