using System.Globalization;

namespace LocalPortBench;

internal static class BenchReport
{
    public static void Print(PhaseResult result)
    {
        var seconds = result.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? result.Requests / seconds : 0;
        var status = result.Completed ? "done" : "STOPPED at the phase timeout";
        var note = result.Note.Length > 0 ? $", {result.Note}" : string.Empty;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"   {result.Name,-46} {seconds,8:F2} s {result.Requests,7} requests {rate,8:F1} req/s  ({status}{note})"));
    }
}
