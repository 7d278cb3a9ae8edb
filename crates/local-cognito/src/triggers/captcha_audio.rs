//! The CAPTCHA's digits, spoken: the alternative for people who cannot see the picture (WCAG 2.1
//! SC 1.1.1). Speech comes from espeak-ng (Debian's `espeak-ng` package, which the demo and test
//! commands install); without it there is no audio, and the challenge has only its picture.
//!
//! The speech is made smaller before it travels as a `data:audio/wav` URL: 11,025 Hz, 8-bit
//! (clear enough for digits, a quarter of espeak-ng's 22,050 Hz, 16-bit).

use std::io::Cursor;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::process::Command;

use crate::clock::random_token;

/// How long speaking five digits may take.
const TIMEOUT: Duration = Duration::from_secs(5);

/// `digits` read out one by one, as a `data:audio/wav;base64,…` URL; `None` when espeak-ng is
/// not installed or fails.
pub(super) async fn spoken(digits: &str) -> Option<String> {
    let words: Vec<String> = digits.chars().map(|digit| format!("{digit}.")).collect();
    let file = std::env::temp_dir().join(format!("local-cognito-captcha-{}.wav", random_token()));
    let run = Command::new("espeak-ng")
        .args(["-s", "130", "-w"])
        .arg(&file)
        .arg(words.join(" "))
        .kill_on_drop(true)
        .status();
    let status = tokio::time::timeout(TIMEOUT, run).await;
    let wav = match status {
        Ok(Ok(status)) if status.success() => std::fs::read(&file).ok(),
        Ok(Ok(_)) | Err(_) => None,
        Ok(Err(error)) => {
            tracing::warn!(%error, "espeak-ng is not available: the CAPTCHA has no audio");
            None
        }
    };
    let _ = std::fs::remove_file(&file);
    let small = shrink(&wav?)?;
    Some(format!("data:audio/wav;base64,{}", BASE64.encode(small)))
}

/// espeak-ng's mono 16-bit WAV at 11,025 Hz (pairs of samples averaged), 8-bit.
fn shrink(wav: &[u8]) -> Option<Vec<u8>> {
    let mut reader = hound::WavReader::new(Cursor::new(wav)).ok()?;
    let spec = reader.spec();
    if spec.channels != 1 || spec.bits_per_sample != 16 {
        return None;
    }
    let samples: Vec<i16> = reader.samples::<i16>().collect::<Result<_, _>>().ok()?;
    let out_spec = hound::WavSpec {
        channels: 1,
        sample_rate: spec.sample_rate / 2,
        bits_per_sample: 8,
        sample_format: hound::SampleFormat::Int,
    };
    let mut out = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut out, out_spec).ok()?;
    for pair in samples.chunks(2) {
        let sum: i32 = pair.iter().map(|&sample| i32::from(sample)).sum();
        let average = sum / pair.len() as i32;
        writer.write_sample((average >> 8) as i8).ok()?;
    }
    writer.finalize().ok()?;
    Some(out.into_inner())
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    /// Five digits come back as a playable WAV small enough to travel in the challenge: 8-bit
    /// mono at 11,025 Hz, a few seconds long.
    #[tokio::test]
    async fn digits_are_spoken_as_a_small_wav() {
        let url = super::spoken("40217")
            .await
            .expect("espeak-ng is installed by ./scripts/test and ./scripts/demo");
        let encoded = url
            .strip_prefix("data:audio/wav;base64,")
            .expect("a WAV data URL");
        let wav = super::BASE64.decode(encoded).unwrap();
        let reader = hound::WavReader::new(std::io::Cursor::new(&wav)).unwrap();
        let spec = reader.spec();
        assert_eq!(
            (spec.channels, spec.sample_rate, spec.bits_per_sample),
            (1, 11_025, 8)
        );
        let seconds = f64::from(reader.duration()) / f64::from(spec.sample_rate);
        assert!((1.0..10.0).contains(&seconds), "{seconds} s");
        assert!(wav.len() < 120_000, "{} B", wav.len());
    }

    #[test]
    fn anything_but_espeak_ngs_wav_is_refused() {
        assert_eq!(super::shrink(b"not a wav"), None);
    }
}
