//! A real CAPTCHA picture: random digits drawn from a bitmap font with jitter, noise and
//! strike lines, encoded as a PNG `data:` URL (so the login page needs no extra origin).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::clock::random_bytes;

const WIDTH: usize = 168;
const HEIGHT: usize = 64;
const SCALE: usize = 5;
/// 5×7 glyphs of the digits, one row per byte (low 5 bits, leftmost pixel = bit 4).
const GLYPHS: [[u8; 7]; 10] = [
    [
        0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110,
    ],
    [
        0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110,
    ],
    [
        0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111,
    ],
    [
        0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110,
    ],
    [
        0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010,
    ],
    [
        0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110,
    ],
    [
        0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110,
    ],
    [
        0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000,
    ],
    [
        0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110,
    ],
    [
        0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100,
    ],
];

/// A new CAPTCHA: its answer (`digits` digits) and its picture as a `data:image/png` URL.
pub(super) fn generate(digits: usize) -> (String, String) {
    let noise = random_bytes(WIDTH * HEIGHT + digits * 3 + 16);
    let answer: String = noise[..digits]
        .iter()
        .map(|byte| char::from(b'0' + byte % 10))
        .collect();
    let mut pixels = vec![0_u8; WIDTH * HEIGHT];
    for (pixel, &random) in pixels.iter_mut().zip(&noise[16..]) {
        *pixel = 215 + random % 40;
    }
    let jitter = &noise[digits..digits * 3];
    for (index, digit) in answer.bytes().enumerate() {
        let glyph = &GLYPHS[usize::from(digit - b'0')];
        let left = 12 + index * (5 * SCALE + 6) + usize::from(jitter[index] % 5);
        let top = 8 + usize::from(jitter[digits + index] % 14);
        let shade = 20 + jitter[index] % 60;
        for (row, bits) in glyph.iter().enumerate() {
            for column in 0..5 {
                if bits & (0b10000 >> column) != 0 {
                    fill(
                        &mut pixels,
                        left + column * SCALE,
                        top + row * SCALE * 6 / 7,
                        SCALE,
                        shade,
                    );
                }
            }
        }
    }
    let lines = random_bytes(12);
    for pair in lines.chunks_exact(4) {
        strike(
            &mut pixels,
            usize::from(pair[0]) % HEIGHT,
            usize::from(pair[1]) % HEIGHT,
            80 + pair[2] % 80,
        );
    }
    (
        answer,
        format!(
            "data:image/png;base64,{}",
            BASE64.encode(encode_png(&pixels))
        ),
    )
}

fn fill(pixels: &mut [u8], left: usize, top: usize, size: usize, shade: u8) {
    for y in top..(top + size).min(HEIGHT) {
        for x in left..(left + size).min(WIDTH) {
            pixels[y * WIDTH + x] = shade;
        }
    }
}

/// A straight line across the picture from height `from` to height `to`.
fn strike(pixels: &mut [u8], from: usize, to: usize, shade: u8) {
    for x in 0..WIDTH {
        let y = (from * (WIDTH - x) + to * x) / WIDTH;
        for thickness in 0..2 {
            if let Some(pixel) = pixels.get_mut((y + thickness).min(HEIGHT - 1) * WIDTH + x) {
                *pixel = shade;
            }
        }
    }
}

fn encode_png(pixels: &[u8]) -> Vec<u8> {
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, WIDTH as u32, HEIGHT as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    // Writing to a Vec of a picture of the declared size cannot fail.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(pixels);
    }
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_digits_and_pictures_are_pngs() {
        let (answer, url) = generate(5);
        assert_eq!(answer.len(), 5);
        assert!(answer.bytes().all(|b| b.is_ascii_digit()));
        let png = BASE64
            .decode(url.strip_prefix("data:image/png;base64,").unwrap())
            .unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().unwrap();
        assert_eq!(
            (reader.info().width, reader.info().height),
            (WIDTH as u32, HEIGHT as u32)
        );
    }
}
