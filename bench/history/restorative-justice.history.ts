import { addDays, CalendarDate, caseStreamId, restorativeJusticeDecider } from '@safer-cases/domain';
import { caseStream, History, maybeReoffend, newId, reference, referrers } from './history';

const offences = ['criminal damage', 'theft from a shop', 'common assault', 'anti-social behaviour', 'harassment', 'vehicle interference'];
const reparations = ['letter of apology', 'repair the damage', 'community work', 'pay for the loss', 'meet the neighbours'];

/**
 * A restorative-justice case: referred by the police, accepted or declined, a panel with
 * trained Victim Support facilitators, an outcome agreement (upheld or breached) or none, the
 * victim's survey, closure; sometimes a reoffence.
 */
export const referRestorativeJustice = (history: History, referredOn: CalendarDate): void => {
  const { world, calendar } = history;
  const { random } = world;
  const caseId = newId();
  const personId = newId();
  const stream = caseStream(history, restorativeJusticeDecider, caseId, 'victim-support.rj-coordinator');
  const organisation = random.pick(referrers);
  world.decide(
    restorativeJusticeDecider,
    caseStreamId(caseId),
    {
      type: 'ReferCase',
      data: {
        caseId,
        programme: 'restorative-justice',
        referredOn,
        referrer: { organisation, reference: reference(history) },
        personId,
        victimId: newId(),
        offence: { type: random.pick(offences), date: addDays(referredOn, -random.int(1, 30)) },
        today: referredOn,
      },
    },
    `${organisation}.officer`,
  );
  maybeReoffend(history, caseId, referredOn, 0.08, (offenceDate, today) => stream.decide({ type: 'RecordReoffence', data: { caseId, offenceDate, today } }));

  const close = (after: CalendarDate, reason?: string): void =>
    calendar.at(addDays(after, random.int(3, 30)), (today) => stream.decide({ type: 'CloseCase', data: { caseId, closedOn: today, reason, today } }));

  const holdPanel = (heldOn: CalendarDate): void => {
    if (!random.chance(0.9)) return close(heldOn, 'consent withdrawn before the panel');
    const facilitatorIds = history.facilitators.available(heldOn, random.int(1, 3));
    if (facilitatorIds.length === 0) return calendar.at(addDays(heldOn, 7), holdPanel);
    const facilitators = facilitatorIds.map((id) => history.facilitators.facilitatorFacts(id));
    stream.decide({ type: 'HoldPanel', data: { caseId, heldOn, facilitatorIds, victimAttended: random.chance(0.8), facilitators, today: heldOn } });
    const surveyedOn = random.chance(0.95) ? addDays(heldOn, random.int(1, 14)) : undefined;
    if (surveyedOn !== undefined) {
      const satisfied = random.chance(0.88);
      const score = random.chance(0.7) ? (satisfied ? random.int(3, 5) : random.int(1, 3)) : undefined;
      calendar.at(surveyedOn, (today) => stream.decide({ type: 'RecordVictimSatisfaction', data: { caseId, surveyedOn, satisfied, score, today } }));
    }
    const notBefore = (date: CalendarDate): CalendarDate => (surveyedOn !== undefined && surveyedOn > date ? surveyedOn : date);
    calendar.at(addDays(heldOn, random.int(0, 3)), (today) => {
      if (!random.chance(0.82)) {
        stream.decide({ type: 'RecordNoAgreement', data: { caseId, on: today, reason: 'the parties could not agree', today } });
        return close(notBefore(today));
      }
      const reparation = [random.pick(reparations), ...(random.chance(0.3) ? [random.pick(reparations)] : [])];
      stream.decide({ type: 'ReachAgreement', data: { caseId, reachedOn: today, reparation, today } });
      history.completed.push({ caseId, programme: 'restorative-justice', personId });
      calendar.at(addDays(today, random.int(30, 90)), (on) => {
        if (random.chance(0.88)) stream.decide({ type: 'UpholdAgreement', data: { caseId, on, today: on } });
        else stream.decide({ type: 'RecordAgreementBreached', data: { caseId, on, reason: 'reparation not done', today: on } });
        close(notBefore(on));
      });
    });
  };

  calendar.at(addDays(referredOn, random.int(3, 20)), (today) => {
    if (!random.chance(0.85)) {
      stream.decide({ type: 'DeclineReferral', data: { caseId, declinedOn: today, reason: random.pick(['the victim declined', 'not suitable for a panel']), today } });
      return close(today, 'declined');
    }
    stream.decide({ type: 'AcceptReferral', data: { caseId, acceptedOn: today, today } });
    calendar.at(addDays(today, random.int(10, 40)), holdPanel);
  });
};
