using System.Text;
using PromptLint.Perf;

namespace PromptLint.Benchmarks;

/// <summary>The prompt texts the token-counting benchmarks count.</summary>
public enum Corpus
{
    /// <summary>The prompts of the synthetic project (300, 5.5 MB): a 15-word vocabulary, kind to word caches.</summary>
    Synthetic,

    /// <summary>
    /// Texts of the same lengths made of made-up words, numbers and punctuation: thousands of distinct words, so the
    /// tokenizers' word caches rarely help. Closer to the worst case than to prose.
    /// </summary>
    Varied,
}

internal static class PromptCorpus
{
    private static readonly string[] s_syllables =
        "ka lo mi ne ra tu vo shi pre con tion ment al ing er ly un re de in ex pro ver sta qua".Split(' ');

    private static readonly string[] s_punctuation =
        [".", ",", ":", ";", "!", "?", " -", "(", ")", "\"", "'s", "\n", "\n\n"];

    /// <summary>The prompts of the synthetic project of <paramref name="files"/> files, or varied texts as long.</summary>
    public static string[] Create(Corpus corpus, int files)
    {
        var prompts = SyntheticSources.Generate(files, SyntheticCompilation.CallSitesFor(files))
            .Select(static f => f.Prompt)
            .OfType<string>()
            .ToArray();
        if (corpus == Corpus.Synthetic)
            return prompts;

        var random = new Random(42);
        return prompts.Select(p => Varied(p.Length, random)).ToArray();
    }

    /// <summary>The same texts made distinct by a leading marker, so that a content-keyed cache cannot hit.</summary>
    public static string[] Distinct(string[] texts, int round) =>
        texts.Select((t, i) => $"[{round}.{i}] {t}").ToArray();

    private static string Varied(int length, Random random)
    {
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            var roll = random.Next(100);
            if (roll < 8)
                text.Append(random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            else
            {
                var syllables = 1 + random.Next(4);
                var start = text.Length;
                for (var s = 0; s < syllables; s++)
                    text.Append(s_syllables[random.Next(s_syllables.Length)]);
                if (roll < 20)
                    text[start] = char.ToUpperInvariant(text[start]);
            }

            text.Append(random.Next(10) == 0 ? s_punctuation[random.Next(s_punctuation.Length)] + " " : " ");
        }

        return text.ToString(0, length);
    }
}
