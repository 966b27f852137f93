import { acceptChild, acceptParent, addOption, billing, installation, registerNetwork } from './fixtures';
import { given, history } from './support';

describe('Art. 13 installation: by the contractor on instructions, unless the on-site option is taken', () => {
  it('records the contractor installing the device', () =>
    given(...billing())
      .when(installation())
      .then([
        {
          type: 'EquipmentInstalled',
          data: { installationId: 'IN1', itemIds: ['P1-D1'], installedOn: '2025-04-10', by: 'contractor' },
        },
      ]));

  it('refuses an installation by the provider without the on-site installation option', () =>
    given(...billing())
      .when(installation({ by: 'provider-on-site' }))
      .thenRejects('ON_SITE_OPTION_REQUIRED', 'Art. 13; Art. 17(2)(1)'));

  it('records the provider installing it under the on-site option, taken at acceptance or later', () => {
    given(
      ...history(
        registerNetwork(),
        acceptParent({ onSiteInstallation: { initialFee: 40000 } }),
        acceptChild(),
      ),
    )
      .when(installation({ by: 'provider-on-site' }))
      .then([expect.objectContaining({ type: 'EquipmentInstalled' })]);
    given(
      ...billing(
        addOption({ optionId: 'OS', option: 'on-site-installation', equipmentItemIds: [], monthlyFee: 0 }),
      ),
    )
      .when(installation({ by: 'provider-on-site', installedOn: '2025-05-02' }))
      .then([expect.objectContaining({ type: 'EquipmentInstalled' })]);
  });

  it('refuses an item the contract does not hold, a date before it came, and an id used before', () => {
    given(...billing())
      .when(installation({ itemIds: ['NOPE'] }))
      .thenRejects('ITEM_NOT_FOUND', 'Art. 13');
    given(...billing())
      .when(installation({ installedOn: '2025-03-31' }))
      .thenRejects('INSTALLATION_BEFORE_DELIVERY', 'Art. 13');
    given(...billing(installation()))
      .when(installation())
      .thenRejects('INSTALLATION_EXISTS', 'Art. 13');
  });
});
