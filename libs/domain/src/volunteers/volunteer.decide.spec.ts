import { DateBeforePreviousStep, DateInFuture } from '../shared/domain-error';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  AlreadyLeft,
  AlreadyTrained,
  TrainingAfterLeaving,
  TrainingBeforeRecruitment,
  UnknownOrganisation,
  VolunteerAlreadyExists,
  VolunteerCommand,
  VolunteerEvent,
  VolunteerNotFound,
  volunteerDecider,
  volunteerStreamId,
} from '.';

const volunteerId = '7e3b9c1a-0000-4000-8000-000000000001';
const today = '2014-06-30';
const spec = DeciderSpecification.for(volunteerDecider);

const recruited: VolunteerEvent = { type: 'VolunteerRecruited', data: { volunteerId, organisation: 'home-start', recruitedOn: '2014-03-03' } };
const trained: VolunteerEvent = { type: 'VolunteerTrained', data: { volunteerId, trainedOn: '2014-03-20' } };
const left = (leftOn = '2014-05-31'): VolunteerEvent => ({ type: 'VolunteerLeft', data: { volunteerId, leftOn } });

const recruit = (data: { organisation?: string; recruitedOn?: string } = {}): VolunteerCommand => ({
  type: 'RecruitVolunteer',
  data: { volunteerId, organisation: 'home-start', recruitedOn: '2014-03-03', today, ...data },
});
const train = (trainedOn = '2014-03-20'): VolunteerCommand => ({ type: 'TrainVolunteer', data: { volunteerId, trainedOn, today } });
const leave = (leftOn = '2014-05-31'): VolunteerCommand => ({ type: 'RecordVolunteerDeparture', data: { volunteerId, leftOn, today } });

describe('volunteers', () => {
  it('names the stream after the volunteer', () => {
    expect(volunteerStreamId(volunteerId)).toBe(`volunteer-${volunteerId}`);
  });

  it('records recruitment, training and departure, carrying ids and dates only', () => {
    spec.given([]).when(recruit()).then([recruited]);
    spec.given([recruited]).when(train()).then([trained]);
    spec.given([recruited, trained]).when(leave()).then([left()]);
  });

  describe('recruiting', () => {
    it('recruits a Victim Support volunteer', () =>
      spec
        .given([])
        .when(recruit({ organisation: 'victim-support' }))
        .then([{ type: 'VolunteerRecruited', data: { volunteerId, organisation: 'victim-support', recruitedOn: '2014-03-03' } }]));

    it.each(['police', 'wdp', 'council', ''])('refuses a volunteer of %p', (organisation) =>
      spec.given([]).when(recruit({ organisation })).thenThrows(UnknownOrganisation, 'unknown-organisation'),
    );

    it('refuses a volunteer id already used, as a clash', () => {
      spec.given([recruited]).when(recruit()).thenThrows(VolunteerAlreadyExists, 'volunteer-already-exists');
      expect(new VolunteerAlreadyExists(volunteerId).kind).toBe('already-exists');
    });

    it('accepts recruitment today and refuses it tomorrow', () => {
      spec
        .given([])
        .when(recruit({ recruitedOn: today }))
        .then([{ type: 'VolunteerRecruited', data: { volunteerId, organisation: 'home-start', recruitedOn: today } }]);
      spec
        .given([])
        .when(recruit({ recruitedOn: '2014-07-01' }))
        .thenThrows(DateInFuture, 'date-in-future');
    });
  });

  describe('training', () => {
    it('refuses to train a volunteer never recruited, as missing', () => {
      spec.given([]).when(train()).thenThrows(VolunteerNotFound, 'volunteer-not-found');
      expect(new VolunteerNotFound(volunteerId).kind).toBe('not-found');
    });

    it('trains on the day of recruitment and refuses the day before', () => {
      spec
        .given([recruited])
        .when(train('2014-03-03'))
        .then([{ type: 'VolunteerTrained', data: { volunteerId, trainedOn: '2014-03-03' } }]);
      spec.given([recruited]).when(train('2014-03-02')).thenThrows(TrainingBeforeRecruitment, 'training-before-recruitment');
    });

    it('refuses a second training', () => spec.given([recruited, trained]).when(train('2014-04-01')).thenThrows(AlreadyTrained, 'already-trained'));

    it('refuses to train a volunteer who left untrained', () =>
      spec
        .given([recruited, left('2014-04-01')])
        .when(train('2014-03-20'))
        .thenThrows(TrainingAfterLeaving, 'volunteer-left'));

    it('refuses training dated after today', () => spec.given([recruited]).when(train('2014-07-01')).thenThrows(DateInFuture, 'date-in-future'));
  });

  describe('leaving', () => {
    it('lets a volunteer leave untrained', () =>
      spec
        .given([recruited])
        .when(leave('2014-03-10'))
        .then([left('2014-03-10')]));

    it('refuses a departure of a volunteer never recruited', () => spec.given([]).when(leave()).thenThrows(VolunteerNotFound, 'volunteer-not-found'));

    it('accepts leaving on the day of recruitment and refuses the day before', () => {
      spec
        .given([recruited])
        .when(leave('2014-03-03'))
        .then([left('2014-03-03')]);
      spec.given([recruited]).when(leave('2014-03-02')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('accepts leaving on the day of training and refuses the day before', () => {
      spec
        .given([recruited, trained])
        .when(leave('2014-03-20'))
        .then([left('2014-03-20')]);
      spec.given([recruited, trained]).when(leave('2014-03-19')).thenThrows(DateBeforePreviousStep, 'date-before-previous-step');
    });

    it('refuses a second departure', () => spec.given([recruited, trained, left()]).when(leave('2014-06-01')).thenThrows(AlreadyLeft, 'already-left'));

    it('refuses a departure dated after today', () => spec.given([recruited, trained]).when(leave('2014-07-01')).thenThrows(DateInFuture, 'date-in-future'));
  });
});
