/**
 * Samples copied from Zoho's Bigin documentation. The shared schemas must parse them, and the
 * sandbox seeds its data with them, so that the app is built against what Zoho really sends.
 */
export const DOC_SAMPLE_RECORD_ID = '4150868000002728001';
export const DOC_SAMPLE_ATTACHMENT_ID = '4150868000002728012';

const patricia = {
  name: 'Patricia Boyle',
  id: '4150868000000225013',
  email: 'p.boyle@zylker.com',
};

/** `GET /bigin/v1/Contacts/4150868000002728001/Attachments`, as documented. */
export const docSampleAttachmentList = {
  data: [
    {
      Owner: patricia,
      Modified_Time: '2020-07-24T18:12:43+05:30',
      File_Name: 'Screen Shot 2020-07-21 at 11.27.04 PM.png',
      Created_Time: '2020-07-24T18:12:43+05:30',
      Size: '362207',
      Parent_Id: { name: 'Patricia Boyle', id: DOC_SAMPLE_RECORD_ID },
      $editable: true,
      $file_id: '63f5d5ef4a6d6bcd3e3b2c2e1e6a7ab0b86c9c4e7b0c3f3b0a5e4c1f3b0c1d2e3',
      $type: 'Attachment',
      $se_module: 'Contacts',
      Modified_By: patricia,
      $state: 'save',
      id: DOC_SAMPLE_ATTACHMENT_ID,
      Created_By: patricia,
      $link_url: null,
    },
  ],
  info: { per_page: 200, count: 1, page: 1, more_records: false },
};

/** The error envelope for an unknown module, as documented. */
export const docSampleInvalidModule = {
  code: 'INVALID_MODULE',
  details: { resource_path_index: 0 },
  message: 'the module name given seems to be invalid',
  status: 'error',
};
