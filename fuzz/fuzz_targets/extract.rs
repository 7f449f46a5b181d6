//! An article with arbitrary headline and paragraphs through quote and entity extraction;
//! every quote's offsets must point at its text.
#![no_main]

use dateline::article::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<String>)| {
    let (headline, paragraphs) = input;
    let mut article = Article {
        headline,
        paragraphs,
        ..Article::default()
    };
    dateline::extract::extract(&mut article);
    for quote in &article.quotes {
        let paragraph = &article.paragraphs[quote.paragraph];
        assert!(quote.start <= quote.end && quote.end <= paragraph.len());
        assert!(paragraph.is_char_boundary(quote.start) && paragraph.is_char_boundary(quote.end));
    }
});
