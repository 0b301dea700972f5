//! Colour as people see it: CIELAB, the CIEDE2000 colour difference, simulated colour-vision
//! deficiency (Machado, Oliveira & Fernandes 2009, full severity), and the palette test every
//! chart's series colours must pass. Pure functions.

use super::theme::Color;

/// The smallest CIEDE2000 difference two series colours may have, for normal vision and under
/// each simulated deficiency. 10 is about the difference between two named colours; below
/// about 5 neighbouring bars start to read as one.
pub const MIN_DELTA_E: f64 = 10.0;

/// The smallest difference in CIELAB lightness (L*) that keeps two series apart on a
/// greyscale print when nothing else (pattern, outline) tells them apart. Okabe–Ito's blue
/// and bluish green differ by 11.7 and print as nearly the same grey; 15 keeps them apart.
pub const MIN_DELTA_L: f64 = 15.0;

/// How a viewer sees colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    Normal,
    /// No long-wavelength (red) cones.
    Protanopia,
    /// No medium-wavelength (green) cones.
    Deuteranopia,
    /// No short-wavelength (blue) cones.
    Tritanopia,
}

impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Vision::Normal => "normal vision",
            Vision::Protanopia => "protanopia",
            Vision::Deuteranopia => "deuteranopia",
            Vision::Tritanopia => "tritanopia",
        }
    }

    /// Machado et al. (2009), severity 1.0, applied to linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// A colour in CIELAB (D65).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// How `c` looks to a viewer with `vision`, in CIELAB.
pub fn seen(c: Color, vision: Vision) -> Lab {
    let rgb = [to_linear(c.0), to_linear(c.1), to_linear(c.2)];
    let m = vision.matrix();
    let sim: Vec<f64> = m
        .iter()
        .map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
        .collect();
    let (r, g, b) = (sim[0], sim[1], sim[2]);
    let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    Lab {
        l: 116.0 * fy - 16.0,
        a: 500.0 * (fx - fy),
        b: 200.0 * (fy - fz),
    }
}

/// The CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1.
pub fn delta_e(p: Lab, q: Lab) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let c1 = p.a.hypot(p.b);
    let c2 = q.a.hypot(q.b);
    let cm = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cm.powi(7) / (cm.powi(7) + 25f64.powi(7))).sqrt());
    let a1 = (1.0 + g) * p.a;
    let a2 = (1.0 + g) * q.a;
    let c1p = a1.hypot(p.b);
    let c2p = a2.hypot(q.b);
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            let h = deg(b.atan2(a));
            if h < 0.0 {
                h + 360.0
            } else {
                h
            }
        }
    };
    let h1 = hue(p.b, a1);
    let h2 = hue(q.b, a2);
    let dl = q.l - p.l;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * rad(dh / 2.0).sin();
    let lm = (p.l + q.l) / 2.0;
    let cpm = (c1p + c2p) / 2.0;
    let hm = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(hm - 30.0).cos()
        + 0.24 * rad(2.0 * hm).cos()
        + 0.32 * rad(3.0 * hm + 6.0).cos()
        - 0.20 * rad(4.0 * hm - 63.0).cos();
    let dtheta = 30.0 * (-((hm - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cpm.powi(7) / (cpm.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lm - 50.0).powi(2) / (20.0 + (lm - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cpm;
    let sh = 1.0 + 0.015 * cpm * t;
    let rt = -rad(2.0 * dtheta).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh))
        .sqrt()
}

/// A pair of series colours that a viewer cannot tell apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub a: usize,
    pub b: usize,
    pub vision: Vision,
    pub delta_e: f64,
}

/// A pair of series colours a greyscale copy cannot tell apart.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyClash {
    pub a: usize,
    pub b: usize,
    pub delta_l: f64,
}

/// Every pair of `colors` closer than [`MIN_DELTA_E`] under some vision.
pub fn clashes(colors: &[Color]) -> Vec<Clash> {
    let mut out = Vec::new();
    for (i, &p) in colors.iter().enumerate() {
        for (j, &q) in colors.iter().enumerate().skip(i + 1) {
            if p == q {
                continue; // The palette repeats past its length: the same series colour.
            }
            for v in Vision::ALL {
                let d = delta_e(seen(p, v), seen(q, v));
                if d < MIN_DELTA_E {
                    out.push(Clash {
                        a: i,
                        b: j,
                        vision: v,
                        delta_e: d,
                    });
                }
            }
        }
    }
    out
}

/// Every pair of `colors` whose lightness differs by less than [`MIN_DELTA_L`].
pub fn grey_clashes(colors: &[Color]) -> Vec<GreyClash> {
    let mut out = Vec::new();
    for (i, &p) in colors.iter().enumerate() {
        for (j, &q) in colors.iter().enumerate().skip(i + 1) {
            let d = (seen(p, Vision::Normal).l - seen(q, Vision::Normal).l).abs();
            if d < MIN_DELTA_L && p != q {
                out.push(GreyClash {
                    a: i,
                    b: j,
                    delta_l: d,
                });
            }
        }
    }
    out
}

/// A fill pattern for each series so that a greyscale copy separates them: 0 is solid, 1 and
/// up are hatchings. Each series takes the first pattern that no earlier series of too similar a
/// lightness has taken.
pub fn patterns(colors: &[Color]) -> Vec<u8> {
    let l: Vec<f64> = colors.iter().map(|&c| seen(c, Vision::Normal).l).collect();
    let mut out: Vec<u8> = Vec::with_capacity(colors.len());
    for i in 0..colors.len() {
        let p = (0u8..)
            .find(|&p| {
                (0..i).all(|j| {
                    out[j] != p || colors[j] == colors[i] || (l[i] - l[j]).abs() >= MIN_DELTA_L
                })
            })
            .unwrap_or(0);
        out.push(p);
    }
    out
}

/// Whether every pair of series differs in lightness or in pattern.
pub fn grey_separated(colors: &[Color], patterns: &[u8]) -> bool {
    grey_clashes(colors)
        .iter()
        .all(|g| patterns.get(g.a) != patterns.get(g.b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    #[test]
    fn ciede2000_matches_the_published_test_data() {
        // Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 13, 19 and 25.
        let cases = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (
                lab(50.0, 2.4900, -0.0010),
                lab(50.0, -2.4900, 0.0011),
                7.2195,
            ),
            (lab(50.0, 2.5, 0.0), lab(50.0, 0.0, -2.5), 4.3065),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
        ];
        for (p, q, want) in cases {
            let d = delta_e(p, q);
            assert!((d - want).abs() < 1e-4, "{p:?} {q:?}: {d} != {want}");
        }
    }

    #[test]
    fn srgb_to_lab_for_known_colours() {
        let white = seen(Color(255, 255, 255), Vision::Normal);
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
        let red = seen(Color(255, 0, 0), Vision::Normal);
        assert!((red.l - 53.24).abs() < 0.05, "{red:?}");
        assert!(
            (red.a - 80.09).abs() < 0.1 && (red.b - 67.20).abs() < 0.1,
            "{red:?}"
        );
    }

    #[test]
    fn red_and_green_of_equal_lightness_merge_for_deuteranopia_only() {
        let (red, green) = (Color(0xCC, 0x44, 0x44), Color(0x55, 0x88, 0x22));
        let found = clashes(&[red, green]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].vision, Vision::Deuteranopia);
        assert!(found[0].delta_e < 5.0, "{found:?}");
    }

    #[test]
    fn pink_and_orange_merge_for_tritanopia_only() {
        let found = clashes(&[Color(0xE0, 0x80, 0xA0), Color(0xE6, 0x9F, 0x00)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].vision, Vision::Tritanopia);
    }

    #[test]
    fn patterns_separate_what_lightness_cannot() {
        let five = &super::super::theme::OKABE_ITO[..5];
        let p = patterns(five);
        assert_eq!(p, vec![0, 0, 1, 2, 2]);
        assert!(grey_separated(five, &p));
        assert!(!grey_separated(five, &[0; 5]));
        // Two colours of one lightness: the second is hatched.
        assert_eq!(
            patterns(&[Color(0xCC, 0x44, 0x44), Color(0x55, 0x88, 0x22)]),
            vec![0, 1]
        );
    }

    #[test]
    fn the_house_palette_keeps_three_to_one_and_stays_apart_for_everyone() {
        let house = &super::super::theme::HOUSE;
        let paper = super::super::theme::PAPER;
        for c in house {
            assert!(c.contrast(paper) >= 3.0, "{c:?}");
        }
        assert_eq!(clashes(&house[..6]), vec![]);
        assert!(grey_clashes(&house[..2]).is_empty());
    }

    #[test]
    fn okabe_ito_first_colours_differ_for_everyone_and_in_grey() {
        let p = &super::super::theme::OKABE_ITO[..4];
        assert_eq!(clashes(p), vec![]);
        let grey = grey_clashes(&p[..2]);
        assert!(grey.is_empty(), "{grey:?}");
    }
}
