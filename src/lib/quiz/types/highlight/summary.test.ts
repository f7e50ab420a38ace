import { describe, expect, it } from 'vitest';
import type { Grade, GradedPart } from '../../contract';
import type { HighlightPublic } from '.';
import { highlightSummary } from './summary';

const question = (unit: 'word' | 'sentence', checks: HighlightPublic['checks']) =>
	({ id: 'q', type: 'highlight', prompt: '', excerpt: null, unit, source: 's', segments: [], unitCount: 20, checks }) as HighlightPublic;
const part = (id: string, verdict: GradedPart['verdict']): GradedPart => ({ id, verdict, feedback: '' });
const grade = (...parts: GradedPart[]): Grade => ({ earned: 0.5, total: 1, parts });

describe('highlightSummary', () => {
	it('says what was found and what else was picked, in the words of the question', () => {
		const answer = grade(part('target:1,2', 'correct'), part('target:5,6', 'correct'), part('target:9', 'missed'), part('wrong:12', 'incorrect'));
		expect(highlightSummary(question('word', 'loaded'), answer)).toBe('You found 2 of the 3 loaded phrases and picked 1 neutral word');
		expect(highlightSummary(question('word', null), answer)).toBe('You found 2 of the 3 phrases asked for and picked 1 other word');
	});

	it('counts wrong picks word by word, and calls one-word targets words', () => {
		const answer = grade(part('target:1', 'missed'), part('target:4', 'correct'), part('wrong:7,8', 'incorrect'), part('wrong:11', 'incorrect'));
		expect(highlightSummary(question('word', 'loaded'), answer)).toBe('You found 1 of the 2 loaded words and picked 3 neutral words');
	});

	it('mentions targets found only in part, and no wrong picks', () => {
		const answer = grade(part('target:1,2', 'partial'), part('target:5', 'correct'), part('target:8', 'missed'));
		expect(highlightSummary(question('word', 'loaded'), answer)).toBe(
			'You found 1 of the 3 loaded phrases (and part of another) and picked no neutral words'
		);
		expect(highlightSummary(question('word', null), grade(part('target:1,2', 'partial')))).toBe('You found part of the phrase asked for and picked no other words');
	});

	it('speaks of sentences, with or without a source', () => {
		expect(highlightSummary(question('sentence', 'unattributed'), grade(part('target:0', 'missed'), part('wrong:2', 'incorrect')))).toBe(
			'You missed the sentence with no source and picked 1 sentence that has a source'
		);
		expect(highlightSummary(question('sentence', null), grade(part('target:0', 'correct'), part('target:3', 'missed')))).toBe(
			'You found 1 of the 2 sentences asked for and picked no other sentences'
		);
	});
});
