use super::*;
use crate::SEED_TALK;

#[test]
fn print_seed_deck() {
    let talk = parse_text(SEED_TALK);
    println!("title={:?} speaker={:?} role={:?} event={:?} date={:?} source={:?} author={:?}",
        talk.title, talk.speaker, talk.role, talk.event, talk.date, talk.source, talk.author);
    for c in &talk.cards {
        println!("[{}] {:?} {:?} {} ({} paragraphs)", c.id, c.kind, c.number, c.title, c.paragraphs.len());
        for k in &c.key_points {
            println!("   * {k}");
        }
    }
}
